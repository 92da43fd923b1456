import "server-only";
import { redactMessage } from "@/lib/redact-message";

export type FailureContext = { requestId: string; route: string };

/**
 * One structured line per unexpected failure: enough for an operator to tell what failed (the
 * error's class, code and message with every value taken out) and to find the request (its id),
 * and nothing a person typed.
 */
export function logFailure(error: unknown, context: FailureContext): void {
  const line = {
    level: "error",
    event: "request.failed",
    at: new Date().toISOString(),
    requestId: context.requestId,
    route: context.route,
    errorClass: error instanceof Error ? error.constructor.name || error.name : typeof error,
    code: errorCode(error),
    message: error instanceof Error ? redactMessage(error.message) : "",
  };
  console.error(JSON.stringify(line));
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error;
  // Codes are identifiers (P2002, 23505, ECONNREFUSED); anything else is left out rather than trusted.
  const text = typeof code === "string" || typeof code === "number" ? String(code) : "";
  return /^[A-Za-z0-9_.-]{1,40}$/.test(text) ? text : undefined;
}
