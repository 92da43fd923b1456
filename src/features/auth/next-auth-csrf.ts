import { object, readJsonShape, string } from "@/lib/json-shape";

const isCsrf = object({ csrfToken: string });

/**
 * next-auth's CSRF token, which its sign-in and sign-out endpoints ask of a form post (as
 * next-auth/react does, without shipping that client). Null when the answer is not next-auth's;
 * a network failure is thrown, for the caller to say so.
 */
export async function nextAuthCsrfToken(): Promise<string | null> {
  return (await readJsonShape(await fetch("/api/auth/csrf"), isCsrf))?.csrfToken ?? null;
}
