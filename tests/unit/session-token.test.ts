import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionIdOfToken } from "@/server/auth/session-token";

const SECRET = "session-token-test-secret-session-token-test";
const token = (claims: Record<string, unknown>, maxAge = 3600) => encode({ token: claims, secret: SECRET, maxAge });

describe("the session id of a cookie's token", () => {
  it("is the token's sid, the same when asked again", async () => {
    const sealed = await token({ sid: "session-1" });
    expect(await sessionIdOfToken(sealed, SECRET)).toBe("session-1");
    expect(await sessionIdOfToken(sealed, SECRET)).toBe("session-1");
  });

  it("is none for a token sealed with another secret, a changed token, one without a sid, or no secret", async () => {
    expect(await sessionIdOfToken(await encode({ token: { sid: "s" }, secret: "another-secret-another-secret-another-secret" }), SECRET)).toBeNull();
    const sealed = await token({ sid: "session-2" });
    const changed = `${sealed.slice(0, -3)}${sealed.at(-3) === "A" ? "B" : "A"}${sealed.slice(-2)}`;
    expect(await sessionIdOfToken(changed, SECRET)).toBeNull();
    expect(await sessionIdOfToken(await token({ name: "no sid" }), SECRET)).toBeNull();
    expect(await sessionIdOfToken(sealed, undefined)).toBeNull();
  });

  it("is none once the token has expired, also for a token answered before", async () => {
    const sealed = await token({ sid: "session-3" }, 60);
    const now = Date.now();
    expect(await sessionIdOfToken(sealed, SECRET, new Date(now))).toBe("session-3");
    // next-auth accepts 15 s past the expiry, not more.
    expect(await sessionIdOfToken(sealed, SECRET, new Date(now + 70_000))).toBe("session-3");
    expect(await sessionIdOfToken(sealed, SECRET, new Date(now + 80_000))).toBeNull();
    const expired = await token({ sid: "session-4" }, -60);
    expect(await sessionIdOfToken(expired, SECRET)).toBeNull();
  });
});
