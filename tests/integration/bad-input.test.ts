import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { env, servedOverHttps } from "@/config/env";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { NotFoundError } from "@/server/authz/errors";
import { signInWithPassword } from "@/server/auth/sign-in";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { POST as startReport } from "@/app/api/episodes/route";
import { PUT as saveDraft, POST as beaconDraft } from "@/app/api/episodes/[episodeId]/drafts/[step]/route";
import { PUT as saveStep } from "@/app/api/episodes/[episodeId]/steps/[step]/route";
import { POST as submitReport } from "@/app/api/episodes/[episodeId]/submit/route";
import { POST as searchChildren } from "@/app/api/children/search/route";
import { GET as packet } from "@/app/api/episodes/[episodeId]/packet/route";
import { POST as uploadPhoto } from "@/app/api/episodes/[episodeId]/photos/route";
import { DELETE as removePhoto } from "@/app/api/episodes/[episodeId]/photos/[photoId]/route";
import { GET as readPhoto } from "@/app/api/episodes/[episodeId]/photos/[photoId]/[size]/route";
import type { TApiError } from "@/lib/schemas/api-error";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { png } from "../fixtures/images";
import { PASSWORD, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

/**
 * Hostile and malformed input through the real route handlers (and the use cases behind pages and
 * sign-in): each is a 4xx with a message a person can act on, and nothing in the database changes.
 * Only the framework's request edges are stood in for: the cookie jar holds a real session cookie.
 */

/** The deployment's configured public URL; requests name it as their Origin, as a browser on it would. */
const PUBLIC_ORIGIN = "https://homeward.example.org";

// Configured before any module reads the environment, and unlike the default, so that a check
// passing here follows the configuration rather than the request.
const jar = vi.hoisted(() => {
  vi.stubEnv("NEXTAUTH_URL", "https://homeward.example.org");
  return { cookie: "" };
});

vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/server/web/spec-extension/cookies");
  return {
    cookies: async () => new RequestCookies(new Headers({ cookie: jar.cookie })),
    headers: async () => new Headers(),
  };
});

// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type Answer = { status: number; body: TApiError };

async function call<P>(
  handler: Handler<P>,
  params: P,
  init: { method: string; path: string; json?: unknown; raw?: string; form?: FormData; headers?: Record<string, string>; origin?: string | null },
): Promise<Answer> {
  // A browser on the public URL sends its Host and Origin; a test may say otherwise.
  const headers = new Headers({ host: new URL(PUBLIC_ORIGIN).host, ...init.headers });
  if (init.origin !== null) headers.set("origin", init.origin ?? PUBLIC_ORIGIN);
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.raw !== undefined || init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = init.raw ?? JSON.stringify(init.json);
  }
  const response = await handler(new Request(`${PUBLIC_ORIGIN}${init.path}`, { method: init.method, headers, body }), { params: Promise.resolve(params) });
  return { status: response.status, body: response.status === 204 ? { error: "" } : await response.json().catch(() => ({ error: "(not JSON)" })) };
}

/** Everything a refused request could have changed; refusals recorded in the audit trail are not changes. */
async function snapshot() {
  const [episodes, children, drafts, le, ncmec, clocks, photos, users, sessions, changes] = await Promise.all([
    db().episode.findMany({ orderBy: { id: "asc" } }),
    db().child.findMany({ orderBy: { id: "asc" } }),
    db().episodeDraft.findMany({ orderBy: [{ episodeId: "asc" }, { step: "asc" }] }),
    db().lawEnforcementReport.findMany({ orderBy: { episodeId: "asc" } }),
    db().ncmecReport.findMany({ orderBy: { episodeId: "asc" } }),
    db().episodeClock.findMany({ orderBy: { id: "asc" } }),
    db().photo.findMany({ orderBy: { id: "asc" }, select: { id: true, takenOn: true } }),
    db().user.findMany({ orderBy: { id: "asc" } }),
    db().userSession.count(),
    db().auditEvent.count({ where: { outcome: "SUCCESS", action: { notIn: ["episode.viewed", "children.searched", "episodes.listed", "user.viewed"] } } }),
  ]);
  return JSON.stringify({ episodes, children, drafts, le, ncmec, clocks, photos, users, sessions, changes });
}

/** Runs a refused request and checks its status and that nothing changed; returns its body for the message. */
async function refusedWithoutChange(status: number, work: () => Promise<Answer>): Promise<TApiError> {
  const before = await snapshot();
  const answer = await work();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(await snapshot()).toBe(before);
  return answer.body;
}

const NUL = "\u0000";
const LONE_SURROGATE = "\uD800";
const CONTROL_MESSAGE = /control character/;
const BROKEN_MESSAGE = /broken character/;
const NEW_CHILD = { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-2026-0412", underAgencyGuardianship: "yes" };
/** 36 characters that are not a UUID, as a path segment would carry them. */
const NOT_IDS = ["-".repeat(36), "abcdefgh-ijkl-mnop-qrst-uvwxyzabcdef", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"];

let caseworker: Actor;
let admin: Actor;
let episodeId: string;

async function sessionCookie(actor: Actor) {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run this through npm run test:integration");
  return `${servedOverHttps(env()) ? "__Secure-" : ""}next-auth.session-token=${await encode({ token: { sid: actor.sessionId }, secret })}`;
}

const versionOf = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;
const stepPath = (step: string, kind = "steps") => `/api/episodes/${episodeId}/${kind}/${step}`;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  jar.cookie = await sessionCookie(caseworker);
  const started = await call(startReport, {}, { method: "POST", path: "/api/episodes", json: { newChild: NEW_CHILD } });
  expect(started.status).toBe(201);
  episodeId = (started.body as unknown as { episodeId: string }).episodeId;
});

describe("text that PostgreSQL cannot store", () => {
  it("refuses a NUL or a broken character in a new child's details", async () => {
    for (const [field, bad, message] of [
      ["firstName", `Sam${NUL}`, CONTROL_MESSAGE],
      ["lastName", `Lee${LONE_SURROGATE}`, BROKEN_MESSAGE],
      ["agencyCaseNumber", `DC-9${NUL}`, CONTROL_MESSAGE],
    ] as const) {
      const body = await refusedWithoutChange(422, () =>
        call(startReport, {}, { method: "POST", path: "/api/episodes", json: { newChild: { ...NEW_CHILD, agencyCaseNumber: "DC-NEW", [field]: bad } } }),
      );
      expect(body.fieldErrors?.[field]).toMatch(message);
    }
  });

  it("refuses a NUL or a broken character in any step's text, top-level or nested", async () => {
    const steps = completeSteps(new Date());
    const cases = [
      ["child", { ...steps.child, firstName: `Jordan${NUL}` }, "firstName", CONTROL_MESSAGE],
      ["child", { ...steps.child, aliases: `JJ${LONE_SURROGATE}` }, "aliases", BROKEN_MESSAGE],
      ["child", { ...steps.child, custodyDetails: `order${NUL}` }, "custodyDetails", CONTROL_MESSAGE],
    ] as const;
    for (const [step, values, field, message] of cases) {
      const body = await refusedWithoutChange(422, async () => call(saveStep, { episodeId, step }, { method: "PUT", path: stepPath(step), json: { version: await versionOf(episodeId), values } }));
      expect(body.fieldErrors?.[field]).toMatch(message);
    }
    // The later steps' answers are stored as JSON documents, where PostgreSQL refuses both.
    for (const step of ORDERED_STEPS.slice(0, 4)) {
      await call(saveStep, { episodeId, step }, { method: "PUT", path: stepPath(step), json: { version: await versionOf(episodeId), values: steps[step] } });
    }
    const later = [
      ["missing-event", { ...steps["missing-event"], circumstances: `Left after dinner${LONE_SURROGATE}` }, "circumstances", BROKEN_MESSAGE],
      ["contacts", { ...steps.contacts, phones: [{ number: "555-201-3344", note: `prepaid${NUL}` }] }, "phones.0.note", CONTROL_MESSAGE],
      ["contacts", { ...steps.contacts, accounts: [{ platform: "Instagram", handle: `@j${LONE_SURROGATE}` }] }, "accounts.0.handle", BROKEN_MESSAGE],
      ["guardian", { ...steps.guardian, reporterName: `Casey${NUL}` }, "reporterName", CONTROL_MESSAGE],
    ] as const;
    for (const [step, values, field, message] of later) {
      const body = await refusedWithoutChange(422, async () => call(saveStep, { episodeId, step }, { method: "PUT", path: stepPath(step), json: { version: await versionOf(episodeId), values } }));
      expect(body.fieldErrors?.[field]).toMatch(message);
    }
  });

  it("refuses a draft holding a NUL or a broken character, by autosave and by beacon", async () => {
    const baseVersion = await versionOf(episodeId);
    for (const [handler, method] of [[saveDraft, "PUT"], [beaconDraft, "POST"]] as const) {
      for (const [values, field, message] of [
        [{ firstName: `Jor${NUL}` }, "firstName", CONTROL_MESSAGE],
        [{ lastName: `Riv${LONE_SURROGATE}` }, "lastName", BROKEN_MESSAGE],
      ] as const) {
        const body = await refusedWithoutChange(422, () => call(handler, { episodeId, step: "child" }, { method, path: stepPath("child", "drafts"), json: { baseVersion, values } }));
        expect(body.fieldErrors?.[field]).toMatch(message);
      }
    }
    const nested = await refusedWithoutChange(422, () =>
      call(saveDraft, { episodeId, step: "description" }, { method: "PUT", path: stepPath("description", "drafts"), json: { baseVersion, values: { marks: [{ description: `star${NUL}` }] } } }),
    );
    expect(nested.fieldErrors?.["marks.0.description"]).toMatch(CONTROL_MESSAGE);
    // No form has a field named so: tampering, refused as such.
    for (const key of [`description${NUL}`, `kind${LONE_SURROGATE}`]) {
      const body = await refusedWithoutChange(400, () =>
        call(saveDraft, { episodeId, step: "description" }, { method: "PUT", path: stepPath("description", "drafts"), json: { baseVersion, values: { marks: [{ [key]: "star" }] } } }),
      );
      expect(body.error).toMatch(/\w/);
    }
  });

  it("refuses a child search for a NUL or a broken character", async () => {
    for (const [field, bad, message] of [
      ["name", `Jordan${NUL}`, CONTROL_MESSAGE],
      ["agencyCaseNumber", `DC${LONE_SURROGATE}`, BROKEN_MESSAGE],
    ] as const) {
      const body = await refusedWithoutChange(422, () =>
        call(searchChildren, {}, { method: "POST", path: "/api/children/search", json: { name: "", dateOfBirth: "", agencyCaseNumber: "", [field]: bad } }),
      );
      expect(body.fieldErrors?.[field]).toMatch(message);
    }
  });

  it("refuses a photo's fields holding a NUL or a broken character", async () => {
    for (const takenOn of [`2026-10-01${NUL}`, `2026-10-01${LONE_SURROGATE}`]) {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(await png())], { type: "image/png" }));
      form.set("takenOn", takenOn);
      form.set("attest", `yes${NUL}`);
      const body = await refusedWithoutChange(422, () => call(uploadPhoto, { episodeId }, { method: "POST", path: `/api/episodes/${episodeId}/photos`, form }));
      expect(body.fieldErrors?.takenOn).toBe("Enter the date the photo was taken");
      expect(body.fieldErrors?.attest).toBe("Confirm the statement about the photo to upload it");
    }
  });

  it("refuses a sign-in with a NUL or a broken character without touching the account", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { id: caseworker.userId } });
    for (const input of [
      { email: `${user.email}${NUL}`, password: PASSWORD },
      { email: `${user.email}${LONE_SURROGATE}`, password: PASSWORD },
      { email: `${NUL}${user.email}`, password: PASSWORD },
    ]) {
      const before = await snapshot();
      expect(await signInWithPassword(input, { requestId: requestId() })).toEqual({ ok: false });
      expect(await snapshot()).toBe(before);
    }
  });
});

describe("control and invisible characters", () => {
  it("refuses control characters, and tabs or line breaks in a one-line answer, naming the field", async () => {
    const child = completeSteps(new Date()).child;
    for (const [field, bad] of [
      ["firstName", "Jor\u0007dan"],
      ["lastName", "Riv\tera"],
      ["agencyCaseNumber", "DC-2026\n0412"],
      ["middleName", "Lee\u009B"],
      ["custodyDetails", "Temporary\u001Bcustody"],
    ] as const) {
      const body = await refusedWithoutChange(422, async () =>
        call(saveStep, { episodeId, step: "child" }, { method: "PUT", path: stepPath("child"), json: { version: await versionOf(episodeId), values: { ...child, [field]: bad } } }),
      );
      expect(body.fieldErrors?.[field]).toMatch(/control character|tab|line break/);
    }
  });

  it("keeps line breaks and tabs in a multi-line answer, and drops what would disguise the text", async () => {
    const child = completeSteps(new Date()).child;
    const saved = await call(saveStep, { episodeId, step: "child" }, {
      method: "PUT",
      path: stepPath("child"),
      json: {
        version: await versionOf(episodeId),
        values: { ...child, firstName: "\u202EJor\u200Bdan\u202C", lastName: "\u2066Rivera\u2069\uFEFF", custodyDetails: "Order of\r\nfamily\tcourt\u200F" },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const stored = await db().child.findFirstOrThrow({ where: { agencyId: caseworker.agency.id } });
    expect([stored.firstName, stored.lastName]).toEqual(["Jordan", "Rivera"]);
    expect(JSON.stringify(stored.profile)).toContain(JSON.stringify("Order of\nfamily\tcourt"));
  });
});

describe("versions beyond a database integer", () => {
  const TOO_BIG = ["2147483648", "1e20", "9007199254740993"];

  it("refuses a draft based on one, by autosave and by beacon", async () => {
    for (const [handler, method] of [[saveDraft, "PUT"], [beaconDraft, "POST"]] as const) {
      for (const version of TOO_BIG) {
        const body = await refusedWithoutChange(400, () =>
          call(handler, { episodeId, step: "child" }, { method, path: stepPath("child", "drafts"), raw: `{"baseVersion":${version},"values":{"firstName":"Jo"}}` }),
        );
        expect(body.error).toMatch(/reload/i);
      }
    }
  });

  it("refuses a step save or a submit naming one", async () => {
    const child = JSON.stringify(completeSteps(new Date()).child);
    for (const version of TOO_BIG) {
      const saved = await refusedWithoutChange(400, () => call(saveStep, { episodeId, step: "child" }, { method: "PUT", path: stepPath("child"), raw: `{"version":${version},"values":${child}}` }));
      expect(saved.error).toMatch(/reload/i);
      const submitted = await refusedWithoutChange(400, () => call(submitReport, { episodeId }, { method: "POST", path: `/api/episodes/${episodeId}/submit`, raw: `{"version":${version}}` }));
      expect(submitted.error).toMatch(/reload/i);
    }
  });
});

describe("bodies larger than any JSON request", () => {
  /** Sends a draft whose body is a stream of 16 MB in 64 KB chunks, counting the chunks read. */
  async function hugeDraft(handler: typeof saveDraft, method: string, headers: Record<string, string> = {}) {
    let pulled = 0;
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 256) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    const body = await refusedWithoutChange(400, async () => {
      const request = new Request(`${PUBLIC_ORIGIN}${stepPath("child", "drafts")}`, {
        method,
        headers: { host: new URL(PUBLIC_ORIGIN).host, origin: PUBLIC_ORIGIN, "content-type": "application/json", ...headers },
        body: huge,
        duplex: "half",
      } as RequestInit);
      const response = await handler(request, { params: Promise.resolve({ episodeId, step: "child" }) });
      return { status: response.status, body: await response.json() };
    });
    return { error: body.error, pulled };
  }

  it("stops reading a draft's body past 256 KB and refuses it, by autosave and by beacon (the proxy, which capped bodies, does not run for drafts)", async () => {
    for (const [handler, method] of [[saveDraft, "PUT"], [beaconDraft, "POST"]] as const) {
      const { error, pulled } = await hugeDraft(handler, method);
      expect(error).toBe("The request is too large.");
      expect(pulled).toBeLessThan(10);
    }
  });

  it("refuses a body whose announced length is too large before reading it", async () => {
    const { error, pulled } = await hugeDraft(saveDraft, "PUT", { "content-length": String(300 * 1024) });
    expect(error).toBe("The request is too large.");
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe("ids that are not UUIDs", () => {
  it("answers 404 for every route that takes an episode or photo id, changing nothing", async () => {
    const child = completeSteps(new Date()).child;
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(await png())], { type: "image/png" }));
    form.set("takenOn", "2026-10-01");
    form.set("attest", "yes");
    const { photoId } = (await call(uploadPhoto, { episodeId }, { method: "POST", path: `/api/episodes/${episodeId}/photos`, form })).body as unknown as { photoId: string };
    for (const bad of NOT_IDS) {
      const attempts: [string, () => Promise<Answer>][] = [
        ["draft", () => call(saveDraft, { episodeId: bad, step: "child" }, { method: "PUT", path: `/api/episodes/${bad}/drafts/child`, json: { baseVersion: 1, values: {} } })],
        ["step", () => call(saveStep, { episodeId: bad, step: "child" }, { method: "PUT", path: `/api/episodes/${bad}/steps/child`, json: { version: 1, values: child } })],
        ["submit", () => call(submitReport, { episodeId: bad }, { method: "POST", path: `/api/episodes/${bad}/submit`, json: { version: 1 } })],
        ["packet", () => call(packet, { episodeId: bad }, { method: "GET", path: `/api/episodes/${bad}/packet?variant=full&format=json` })],
        ["upload", () => call(uploadPhoto, { episodeId: bad }, { method: "POST", path: `/api/episodes/${bad}/photos`, form })],
        ["read photo", () => call(readPhoto, { episodeId: bad, photoId, size: "display" }, { method: "GET", path: `/api/episodes/${bad}/photos/${photoId}/display` })],
        ["read photo id", () => call(readPhoto, { episodeId, photoId: bad, size: "display" }, { method: "GET", path: `/api/episodes/${episodeId}/photos/${bad}/display` })],
        ["remove photo", () => call(removePhoto, { episodeId, photoId: bad }, { method: "DELETE", path: `/api/episodes/${episodeId}/photos/${bad}` })],
        ["remove photo episode", () => call(removePhoto, { episodeId: bad, photoId }, { method: "DELETE", path: `/api/episodes/${bad}/photos/${photoId}` })],
      ];
      for (const [name, attempt] of attempts) {
        const body = await refusedWithoutChange(404, attempt).catch((error: unknown) => {
          throw new Error(`${name} with ${bad}: ${String(error)}`);
        });
        expect(body.error, name).toMatch(/\w/);
      }
    }
  });

  it("refuses a report for a child id that is not a UUID, and finds no user by one", async () => {
    for (const bad of NOT_IDS) {
      const body = await refusedWithoutChange(400, () => call(startReport, {}, { method: "POST", path: "/api/episodes", json: { childId: bad } }));
      expect(body.error).toMatch(/\w/);
      await expect(getAgencyUser(admin, bad, { requestId: requestId() })).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

describe("child search", () => {
  beforeEach(async () => {
    const other = await call(startReport, {}, { method: "POST", path: "/api/episodes", json: { newChild: { ...NEW_CHILD, firstName: "Sam", lastName: "O'Neil", agencyCaseNumber: "DC_2026%0999" } } });
    expect(other.status).toBe(201);
  });

  const search = (terms: Partial<Record<"name" | "agencyCaseNumber", string>>) =>
    call(searchChildren, {}, { method: "POST", path: "/api/children/search", json: { name: "", dateOfBirth: "", agencyCaseNumber: "", ...terms } });

  it("takes % and _ as the characters they are, not as wildcards", async () => {
    for (const terms of [{ name: "%" }, { name: "_" }, { name: "J%n" }, { name: "Jor_an" }, { agencyCaseNumber: "%" }, { agencyCaseNumber: "DC-2026-04_2" }, { name: "\\" }, { agencyCaseNumber: "\\" }]) {
      const answer = await search(terms);
      expect(answer.status, JSON.stringify(terms)).toBe(200);
      expect((answer.body as unknown as { children: unknown[] }).children, JSON.stringify(terms)).toEqual([]);
    }
    // And they still find what holds them.
    const names = async (terms: Parameters<typeof search>[0]) => ((await search(terms)).body as unknown as { children: { name: string }[] }).children.map((c) => c.name);
    expect(await names({ agencyCaseNumber: "dc_2026%0999" })).toEqual(["Sam O'Neil"]);
    expect(await names({ agencyCaseNumber: "dc-2026-0412" })).toEqual(["Jordan Rivera"]);
    expect(await names({ name: "o'neil" })).toEqual(["Sam O'Neil"]);
  });
});

describe("same-origin checks", () => {
  it("refuses a write whose Origin is not the configured public origin, whatever the forwarded headers say", async () => {
    for (const [origin, headers] of [
      ["https://attacker.example", { "x-forwarded-host": "attacker.example", host: "homeward.example.org" }],
      ["http://localhost:3000", { host: "localhost:3000" }],
      ["http://homeward.example.org", { host: "homeward.example.org" }],
      ["null", { host: "homeward.example.org" }],
      [null, { host: "homeward.example.org" }],
    ] as const) {
      const body = await refusedWithoutChange(403, () =>
        call(startReport, {}, { method: "POST", path: "/api/episodes", json: { newChild: { ...NEW_CHILD, agencyCaseNumber: "DC-NEW" } }, headers, origin }),
      );
      expect(body.error, String(origin)).toMatch(/\w/);
    }
  });

  it("accepts a write from the configured public origin behind a proxy that rewrites Host", async () => {
    const answer = await call(startReport, {}, {
      method: "POST",
      path: "/api/episodes",
      json: { newChild: { ...NEW_CHILD, agencyCaseNumber: "DC-NEW" } },
      headers: { host: "10.0.0.7:3000", "x-forwarded-host": "internal.lb" },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  });
});

describe("refused access", () => {
  it("is audited for every kind of refusal, with the route's pattern and nothing a person typed", async () => {
    const other = await makeAgency("Neighbor County", "America/Chicago");
    const outsider = await signInAs(await makeUser(other.id, "CASEWORKER"));
    const refusals = () => db().auditEvent.findMany({ where: { action: "access.refused" }, orderBy: { id: "asc" }, select: { actorUserId: true, agencyId: true, outcome: true, details: true } });

    await call(startReport, {}, { method: "POST", path: "/api/episodes", json: { newChild: NEW_CHILD }, origin: "https://attacker.example" });
    jar.cookie = await sessionCookie(outsider);
    expect((await call(packet, { episodeId }, { method: "GET", path: `/api/episodes/${episodeId}/packet?variant=full&format=pdf` })).status).toBe(404);
    // An admin records nothing on an episode.
    jar.cookie = await sessionCookie(admin);
    expect((await call(saveStep, { episodeId, step: "child" }, { method: "PUT", path: stepPath("child"), json: { version: 1, values: completeSteps(new Date()).child } })).status).toBe(403);

    expect(await refusals()).toEqual([
      { actorUserId: null, agencyId: null, outcome: "DENIED", details: { reason: "cross-site", route: "POST /api/episodes" } },
      { actorUserId: outsider.userId, agencyId: other.id, outcome: "DENIED", details: { reason: "not-found", route: "GET /api/episodes/:id/packet" } },
      { actorUserId: admin.userId, agencyId: admin.agency.id, outcome: "DENIED", details: { reason: "forbidden", route: "PUT /api/episodes/:id/steps/child" } },
    ]);
  });
});

describe("HSTS", () => {
  afterEach(() => {
    vi.stubEnv("NEXTAUTH_URL", PUBLIC_ORIGIN);
  });

  /** The proxy's Strict-Transport-Security for each request, run with a fresh copy of the configuration. */
  async function hstsWith(publicUrl: string) {
    vi.stubEnv("NEXTAUTH_URL", publicUrl);
    vi.resetModules();
    const { proxy } = await import("@/proxy");
    const requests = [
      new NextRequest("http://10.0.0.7:3000/sign-in"),
      new NextRequest("http://10.0.0.7:3000/sign-in", { headers: { "x-forwarded-proto": "https" } }),
      new NextRequest("https://homeward.example.org/sign-in"),
    ];
    return Promise.all(requests.map(async (request) => (await proxy(request)).headers.get("strict-transport-security")));
  }

  it("is sent exactly when the configured public URL is https, whatever the request says", async () => {
    expect(await hstsWith("https://homeward.example.org")).toEqual(Array(3).fill("max-age=63072000; includeSubDomains"));
    expect(await hstsWith("http://localhost:3000")).toEqual([null, null, null]);
  });
});
