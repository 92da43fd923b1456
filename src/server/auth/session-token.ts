import "server-only";
import { decode } from "next-auth/jwt";

/**
 * The session id a session cookie's token carries. next-auth's own decode derives the key from the
 * secret (HKDF) and decrypts the token on every call: about a tenth of a page view's time on a slow
 * machine, for the same answer on every request of a session. The answer is kept per token (the
 * whole token is the key: nobody gets an entry without holding the token), until the token's expiry
 * as next-auth's decode judges it. Whether the session still lets its person in is decided against
 * the database on every request regardless (src/server/auth/sessions.ts).
 */
const KEPT = 1_000;
/** next-auth's decode accepts a token up to this long past its expiry (its jwtDecrypt clockTolerance). */
const CLOCK_TOLERANCE_S = 15;

type Decoded = { sid: string; expiresAtS: number | null };
const decoded = new Map<string, Decoded>();

export async function sessionIdOfToken(token: string, secret: string | undefined, now: Date = new Date()): Promise<string | null> {
  if (!secret) return null;
  const kept = decoded.get(token);
  decoded.delete(token);
  if (kept && (kept.expiresAtS === null || now.getTime() / 1000 < kept.expiresAtS + CLOCK_TOLERANCE_S)) {
    decoded.set(token, kept); // the most recently used last: the oldest go first
    return kept.sid;
  }
  if (kept) return null;
  const payload = await decode({ token, secret }).catch(() => null);
  if (typeof payload?.sid !== "string") return null;
  if (decoded.size >= KEPT) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, { sid: payload.sid, expiresAtS: typeof payload.exp === "number" ? payload.exp : null });
  return payload.sid;
}
