import { nextAuthCsrfToken } from "@/features/auth/next-auth-csrf";

/**
 * Ends the session through next-auth's own sign-out endpoint (its CSRF token, then the POST that
 * ends the session and records it), as next-auth/react's signOut() does, without shipping that
 * client (~11 KB) in every signed-in page. Then a full navigation to `page`. Resolves false,
 * leaving the person where they are, when the server could not be reached or refused.
 */
export async function signOutTo(page: string): Promise<boolean> {
  try {
    const csrfToken = await nextAuthCsrfToken();
    if (csrfToken === null) return false;
    const response = await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: page, json: "true" }),
    });
    if (!response.ok) return false;
  } catch {
    return false;
  }
  // A full navigation: nothing of the signed-in pages stays in the client router's cache.
  window.location.assign(page);
  return true;
}
