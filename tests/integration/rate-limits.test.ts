import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { POST as uploadPhoto } from "@/app/api/episodes/[episodeId]/photos/route";
import { POST as checkInvitation } from "@/app/api/auth/welcome/check/route";
import { POST as acceptInvitation } from "@/app/api/auth/welcome/route";
import { POST as resetPassword } from "@/app/api/auth/reset-password/route";
import { startEpisode } from "@/server/episodes/start-episode";
import { RATE_LIMITS } from "@/server/rate-limit/limits";
import { pruneRateLimitWindows } from "@/server/rate-limit/rate-limit";
import { CLIENT_ADDRESS_HEADER, installClientAddressHook } from "@/server/rate-limit/client-address";
import { png } from "../fixtures/images";
import { PASSWORD, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { ORIGIN, call, sessionCookie, standInForRequireDuringFile } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

standInForRequireDuringFile();

// Fixed windows: each test starts 5 seconds into a fresh half hour, where every limit's window begins, and the clock stands still.
const WINDOW_START = Math.ceil(Date.now() / (30 * 60_000)) * 30 * 60_000;
beforeEach(async () => {
  await resetDatabase();
  vi.useFakeTimers({ toFake: ["Date"], now: WINDOW_START + 5_000 });
});
afterEach(() => vi.useRealTimers());

const SIGN_IN = { nextauth: ["callback", "credentials"] };

async function csrf(): Promise<{ csrfToken: string; cookie: string }> {
  const response = await call(GET, { nextauth: ["csrf"] }, "/api/auth/csrf");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

/** A sign-in as the form sends it; without credentials, a bare post (refused by next-auth for its missing CSRF token). */
async function signInFrom(address: string, credentials?: { email: string; password: string }): Promise<Response> {
  const { csrfToken, cookie } = credentials ? await csrf() : { csrfToken: "", cookie: "" };
  return call(POST, SIGN_IN, "/api/auth/callback/credentials", {
    method: "POST",
    cookie,
    headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT_ADDRESS_HEADER]: address },
    body: new URLSearchParams({ ...credentials, csrfToken, callbackUrl: `${ORIGIN}/`, json: "true" }),
  });
}

const refusals = () => db().auditEvent.findMany({ where: { action: "rate_limit.refused" }, select: { outcome: true, details: true, actorUserId: true } });

describe("sign-in rate limits", () => {
  it("refuses sign-in from an address over its limit with 429, Retry-After and a message the form shows, even with the right password", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const { max } = RATE_LIMITS["sign-in-address"];
    for (let i = 0; i < max; i++) expect((await signInFrom("203.0.113.7")).status).not.toBe(429);

    const refused = await signInFrom("203.0.113.7", { email: user.email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(15 * 60 - 5));
    const message = "Too many sign-in attempts from this computer. Wait 15 minutes and try again.";
    const body = (await refused.json()) as { url: string; error: string };
    expect(body.error).toBe(message);
    // next-auth's signIn() hands the form the `error` of this url (src/features/auth/sign-in-form.tsx).
    expect(new URL(body.url).searchParams.get("error")).toBe(message);
    expect(await db().userSession.count()).toBe(0);

    // Another address is not held back.
    const elsewhere = await signInFrom("198.51.100.20", { email: user.email, password: PASSWORD });
    expect(elsewhere.status).toBe(200);
    expect(await db().userSession.count()).toBe(1);

    // The next window lets the first address in again.
    vi.setSystemTime(WINDOW_START + 15 * 60_000 + 1_000);
    expect((await signInFrom("203.0.113.7", { email: user.email, password: PASSWORD })).status).toBe(200);
  });

  it("holds all sign-ins together to the overall limit, whatever the addresses", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const { max } = RATE_LIMITS["sign-in-all"];
    for (let i = 0; i < max; i++) expect((await signInFrom(`10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`)).status).not.toBe(429);
    const refused = await signInFrom("192.0.2.1", { email: user.email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("55");
    expect(((await refused.json()) as { error: string }).error).toBe("Too many people are signing in to Homeward right now. Wait 1 minute and try again.");
  });

  it("counts every attempt exactly when they arrive at once, as from several app instances", async () => {
    const { max } = RATE_LIMITS["sign-in-address"];
    const statuses = await Promise.all(Array.from({ length: max + 10 }, () => signInFrom("203.0.113.9").then((r) => r.status)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    // The 10 refused attempts did not count against the limit of all sign-ins.
    expect(await db().rateLimitWindow.findMany({ where: { key: "sign-in-all:all" }, select: { count: true } })).toEqual([{ count: max }]);
  });

  it("counts an IPv6 client's whole /64 network as one address", async () => {
    const { max } = RATE_LIMITS["sign-in-address"];
    for (let i = 0; i < max; i++) await signInFrom(`2001:db8:1:2::${(i + 1).toString(16)}`);
    expect((await signInFrom("2001:db8:1:2:ffff:ffff:ffff:ffff")).status).toBe(429);
    expect((await signInFrom("2001:db8:1:3::1")).status).not.toBe(429);
  });

  it("audits every refusal with the limit's name, and keeps no address in the trail or the counters", async () => {
    const { max } = RATE_LIMITS["sign-in-address"];
    for (let i = 0; i < max + 2; i++) await signInFrom("203.0.113.50");
    const events = await refusals();
    expect(events).toEqual([
      { outcome: "DENIED", details: { limit: "sign-in-address" }, actorUserId: null },
      { outcome: "DENIED", details: { limit: "sign-in-address" }, actorUserId: null },
    ]);
    const stored = JSON.stringify([await db().auditEvent.findMany(), await db().rateLimitWindow.findMany()], (_, value: unknown) =>
      typeof value === "bigint" ? String(value) : value,
    );
    expect(stored).not.toContain("203.0.113.50");
  });

  it("keeps the per-account lock: 5 failures from 5 addresses lock the account for every address", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    for (let i = 1; i <= 5; i++) await signInFrom(`198.51.100.${i}`, { email: user.email, password: `wrong ${i}` });
    const locked = await signInFrom("198.51.100.99", { email: user.email, password: PASSWORD });
    expect(locked.status).toBe(401);
    expect(new URL(((await locked.json()) as { url: string }).url).searchParams.get("error")).toBe("CredentialsSignin");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).not.toBeNull();
  });
});

describe("photo upload rate limit", () => {
  it("refuses a caseworker's uploads over the limit with 429, Retry-After and a message, and audits it", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const actor = await signInAs(user);
    const child = { firstName: "Sam", lastName: "Limit", dateOfBirth: "2012-01-01", agencyCaseNumber: "RL-1", underAgencyGuardianship: "yes" };
    const { episodeId } = await startEpisode(actor, { newChild: child }, { requestId: requestId() });
    const cookie = await sessionCookie(actor.sessionId);
    const file = await png();
    const upload = () => {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(file)], { type: "image/png" }), "photo.png");
      form.set("takenOn", "2026-10-01");
      form.set("attest", "yes");
      return call(uploadPhoto, { episodeId }, `/api/episodes/${episodeId}/photos`, { method: "POST", cookie, body: form });
    };
    const { max } = RATE_LIMITS["photo-upload"];
    for (let i = 0; i < max; i++) expect((await upload()).status).toBe(201);
    const refused = await upload();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(String(10 * 60 - 5));
    expect(await refused.json()).toEqual({ error: "You have uploaded a lot of photos in a short time. Wait 10 minutes and try again." });
    expect(await db().photo.count()).toBe(max);
    expect(await refusals()).toEqual([{ outcome: "DENIED", details: { limit: "photo-upload" }, actorUserId: user.id }]);
  });
});

describe("the single-use links' pages", () => {
  it("refuse one address over its limit on every link page with 429 before any password work, and let others in", async () => {
    const body = JSON.stringify({ secret: "x".repeat(43), password: "a long enough password for this" });
    const from = (route: typeof checkInvitation, path: string, address: string) =>
      call(route, {}, path, { method: "POST", headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address }, body });
    const routes = [
      [checkInvitation, "/api/auth/welcome/check"],
      [acceptInvitation, "/api/auth/welcome"],
      [resetPassword, "/api/auth/reset-password"],
    ] as const;
    const { max } = RATE_LIMITS["account-link-address"];
    // A wrong link is answered (not 429) until the address has used up its window, on all three pages together.
    for (let i = 0; i < max; i++) {
      const [route, path] = routes[i % routes.length]!;
      expect((await from(route, path, "203.0.113.80")).status).not.toBe(429);
    }
    for (const [route, path] of routes) {
      const refused = await from(route, path, "203.0.113.80");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(15 * 60 - 5));
      expect(await refused.json()).toEqual({ error: "Too many tries from this computer. Wait 15 minutes and try again." });
    }
    expect((await from(checkInvitation, "/api/auth/welcome/check", "198.51.100.80")).status).not.toBe(429);
    expect(await refusals()).toEqual(routes.map(() => ({ outcome: "DENIED", details: { limit: "account-link-address" }, actorUserId: null })));
  });
});

describe("rate-limit windows", () => {
  it("deletes windows that have ended and keeps the ones still counting", async () => {
    await db().rateLimitWindow.createMany({
      data: [
        { key: "sign-in-all:all", windowStart: new Date(WINDOW_START - 60 * 60_000), count: 3 },
        { key: "sign-in-address:x", windowStart: new Date(WINDOW_START - 15 * 60_000), count: 3 },
        { key: "sign-in-address:x", windowStart: new Date(WINDOW_START), count: 3 },
        { key: "sign-in-all:all", windowStart: new Date(WINDOW_START), count: 3 },
      ],
    });
    expect(await pruneRateLimitWindows(new Date(WINDOW_START + 5_000))).toBe(2);
    expect((await db().rateLimitWindow.findMany()).map((w) => w.windowStart.getTime())).toEqual([WINDOW_START, WINDOW_START]);
  });
});

describe("the client address", () => {
  it("is the socket's peer, whatever X-Forwarded-For or the address header the client sends", async () => {
    vi.useRealTimers();
    installClientAddressHook();
    const server = createServer((request, response) => response.end(JSON.stringify(request.headers[CLIENT_ADDRESS_HEADER] ?? null)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "7.7.7.7" } });
      expect(await seen.json()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
