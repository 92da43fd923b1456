// Every save a caseworker was told succeeded survives a crash (decision 009), and `npm start` brings
// back what died by itself (decision 021). This test runs `npm start` (scripts/run.ts start) on a
// temporary data folder: its durable embedded PostgreSQL, migrated, with the demo data, serving the
// built app as the application's role. Several caseworkers sign in through next-auth and file
// reports through the real API while the web server is killed (SIGKILL), and then the PostgreSQL
// postmaster is killed (SIGKILL); nobody starts them again but `npm start`. Afterwards, every save
// that was answered 2xx is in the database with the version it was answered with and the values
// that were sent, and a SIGTERM stops `npm start` cleanly, PostgreSQL included.
//
// Needs the production build (.next): `npm test` runs this after the end-to-end stage has built it;
// run alone (`npx vitest run --project fault`), it builds the app first if there is no build.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { execFileSync, type ChildProcess } from "node:child_process";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withClient } from "../../scripts/lib/postgres";
import { buildIfStale, waitUntilHealthy } from "../../scripts/lib/next-app";
import { findFreePort } from "../../scripts/lib/ports";
import { ROOT, exitCodeOf, startChild } from "../../scripts/lib/processes";
import { completeSteps } from "../fixtures/episode-steps";
import { giveSecondFactorIn, totpCode } from "../fixtures/second-factor";
import type { FormStepKey } from "@/domain/steps";
import type { StepValues } from "@/lib/schemas/episode-steps";

const PASSWORD = "fault-test-password-2026";
const APPLICATION_SECRET = "fault-test-secret-fault-test-secret-fault-test";
const CASEWORKERS = 4;
/** Saves answered with success in each phase before the next blow (or the end). */
const SAVES_PER_PHASE = 12;
const PHASE_LIMIT_MS = 30_000;
/** The steps a caseworker saves on each report, in the wizard's order, each with a unique marker. */
const STEPS = ["child", "missing-event", "description", "risks", "contacts"] as const satisfies FormStepKey[];

let folder: string;
let ownerUrl: string;
/** `npm start`, and what it printed. */
let launcher: ChildProcess | undefined;
let launcherOutput = "";
let baseUrl: string;
let webPort: number;

type Ack =
  | { kind: "start"; episodeId: string; phase: number }
  | { kind: "step"; episodeId: string; step: (typeof STEPS)[number]; version: number; marker: string; phase: number };

const acks: Ack[] = [];
/** Requests that got no answer or a 5xx, per phase: proof that each blow landed while caseworkers were saving. */
const unanswered = [0, 0, 0];
let phase = 0;
/** Caseworkers finish the save in hand and stop; `abandoned` (after a failure) stops their retries too. */
let stopping = false;
let abandoned = false;

type NewChild = { firstName: string; lastName: string; dateOfBirth: string; agencyCaseNumber: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The postmaster's pid and port, from its postmaster.pid. */
function postmaster(): { pid: number; port: number } {
  const lines = readFileSync(path.join(folder, "data", "postgres", "postmaster.pid"), "utf8").split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** `npm start`'s web server: its child whose title names Next.js. */
function webServerPid(): number {
  const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(launcher!.pid)], { encoding: "utf8" });
  const line = children.split("\n").find((entry) => /next/i.test(entry));
  if (!line) throw new Error(`npm start has no web server running:\n${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killPostgres(): Promise<void> {
  const { pid } = postmaster();
  process.kill(pid, "SIGKILL");
  while (isAlive(pid)) await sleep(20);
}

async function killServer(): Promise<void> {
  const pid = webServerPid();
  process.kill(pid, "SIGKILL");
  while (isAlive(pid)) await sleep(20);
}

/** A caseworker's browser: a cookie jar and same-origin requests. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(pathname: string, init: { method: string; json?: unknown; form?: Record<string, string> }): Promise<Response> {
    const headers: Record<string, string> = { origin: baseUrl, cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
    let body: string | undefined;
    if (init.json !== undefined) [headers["content-type"], body] = ["application/json", JSON.stringify(init.json)];
    if (init.form) [headers["content-type"], body] = ["application/x-www-form-urlencoded", new URLSearchParams(init.form).toString()];
    const response = await fetch(`${baseUrl}${pathname}`, { method: init.method, headers, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /** Signs in through next-auth's credentials endpoint, as the sign-in form does, then gives the second factor's code as the code page does. */
  async signIn(email: string): Promise<void> {
    const totpSecret = (await withOwner((client) => giveSecondFactorIn(client, email, APPLICATION_SECRET)))!;
    const { csrfToken } = (await (await this.request("/api/auth/csrf", { method: "GET" })).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", { method: "POST", form: { csrfToken, email, password: PASSWORD, json: "true", callbackUrl: baseUrl } });
    if (![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
      throw new Error(`${email} could not sign in: ${response.status} ${await response.text()}`);
    }
    const code = await this.request("/api/auth/sign-in-code", { method: "POST", json: { code: await totpCode(totpSecret) } });
    if (code.status !== 204) throw new Error(`${email} could not give the sign-in code: ${code.status} ${await code.text()}`);
  }
}

/**
 * Sends a request until the server answers something other than a failure of its own (no answer,
 * 5xx): a crash is what this test causes, and a person would press the button again.
 */
async function answered(send: () => Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> {
  while (!abandoned) {
    try {
      const response = await send();
      if (response.status < 500) return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } catch {
      // no answer: the server or its database is down
    }
    unanswered[phase]!++;
    await sleep(100);
  }
  throw new Error("abandoned");
}

/** One caseworker: starts reports for new children and saves their first steps, until told to stop. */
async function caseworker(email: string, worker: number): Promise<void> {
  const browser = new Browser();
  await browser.signIn(email);
  for (let report = 0; !stopping; report++) {
    // A start without an answer may still have been made: each attempt is a report for another child.
    let child: NewChild;
    let started: { status: number; body: Record<string, unknown> } | undefined;
    do {
      child = { firstName: "Robin", lastName: `Fault ${worker} ${report}`, dateOfBirth: "2012-03-04", agencyCaseNumber: `FAULT-${randomUUID().slice(0, 12)}` };
      try {
        const response = await browser.request("/api/episodes", { method: "POST", json: { newChild: { ...child, underAgencyGuardianship: "yes" } } });
        if (response.status < 500) started = { status: response.status, body: (await response.json()) as Record<string, unknown> };
      } catch {
        // no answer
      }
      if (!started) {
        unanswered[phase]!++;
        await sleep(100);
      }
    } while (!started && !abandoned);
    if (!started) return;
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const episodeId = started.body.episodeId as string;
    acks.push({ kind: "start", episodeId, phase });
    let version = 1;
    const values = completeSteps(new Date());
    for (const step of STEPS) {
      if (stopping) return;
      const marker = `marker ${randomUUID()}`;
      const stepValues = withMarker(values, step, marker, child);
      const saved = await answered(() => browser.request(`/api/episodes/${episodeId}/steps/${step}`, { method: "PUT", json: { version, values: stepValues } }));
      if (saved.status === 200) {
        version = saved.body.version as number;
        acks.push({ kind: "step", episodeId, step, version, marker, phase });
      } else if (saved.status === 409 && saved.body.code === "STALE_VERSION") {
        // The earlier attempt was saved but its answer was lost in the crash: not counted, carry on.
        version = saved.body.version as number;
      } else if (saved.status === 404) {
        // The report is gone: the check at the end names it (its start was answered 201).
        break;
      } else {
        throw new Error(`${step} of ${episodeId}: ${saved.status} ${JSON.stringify(saved.body)}`);
      }
    }
  }
}

function withMarker(values: StepValues, step: (typeof STEPS)[number], marker: string, child: NewChild) {
  switch (step) {
    case "child":
      return { ...values.child, ...child, underAgencyGuardianship: "yes", custodyDetails: marker };
    case "missing-event":
      return { ...values["missing-event"], circumstances: marker };
    case "description":
      return { ...values.description, otherFeatures: marker };
    case "risks":
      return { ...values.risks, medical: { present: "yes", details: marker } };
    case "contacts":
      return { ...values.contacts, companions: [{ name: "Sam", description: marker }] };
  }
}

const withOwner = <T>(work: (client: pg.Client) => Promise<T>) => withClient(ownerUrl, work);

async function untilAcked(count: number): Promise<void> {
  const target = acks.length + count;
  const deadline = Date.now() + PHASE_LIMIT_MS;
  while (acks.length < target && Date.now() < deadline) await sleep(50);
}

beforeAll(async () => {
  await buildIfStale(process.env, { when: "missing", say: (line) => console.log(`fault test: ${line}`) });
  folder = mkdtempSync(path.join(os.tmpdir(), "homeward-fault-"));
  // As root, PostgreSQL runs as `postgres`, which must reach the data folder inside.
  chmodSync(folder, 0o755);
  webPort = await findFreePort(3400);
  baseUrl = `http://127.0.0.1:${webPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOMEWARD_DATA_DIR: path.join(folder, "data"),
    HOMEWARD_DEMO: "true",
    DEMO_PASSWORD: PASSWORD,
    NEXTAUTH_SECRET: APPLICATION_SECRET,
    NEXTAUTH_URL: baseUrl,
    HOST: "127.0.0.1",
    PORT: String(webPort),
    HOMEWARD_BACKUP_SCHEDULE: "off",
    HOMEWARD_DATABASE_CHECK_MS: "100",
    // Long enough to see the outage from outside before npm start brings PostgreSQL back.
    HOMEWARD_RESTART_DELAY_MS: "2000",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATION_URL;
  launcher = startChild(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "run.ts"), "start"], env, { quiet: true });
  launcher.stdout?.on("data", (chunk) => (launcherOutput += chunk));
  launcher.stderr?.on("data", (chunk) => (launcherOutput += chunk));
  await waitUntilHealthy(baseUrl, launcher, 120_000).catch((error: unknown) => {
    throw new Error(`npm start did not come up: ${String(error)}\n${launcherOutput.slice(-3000)}`);
  });
  ownerUrl = `postgresql://homeward:homeward-local@127.0.0.1:${postmaster().port}/homeward`;
  await withOwner((client) =>
    client.query(
      `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), "agencyId", 'fault-' || n || '@demo.example.org', 'Fault Caseworker ' || n, ARRAY['CASEWORKER']::"Role"[], "passwordHash", now()
         FROM "User", generate_series(1, $1::int) AS n WHERE "email" = 'caseworker@demo.example.org'`,
      [CASEWORKERS],
    ),
  );
});

afterAll(async () => {
  stopping = abandoned = true;
  // A test that failed before its clean stop: stop npm start as an operator would, and if it does
  // not stop, what it runs too, so that nothing is left running (a web server whose launcher is gone
  // writes its logs into a closed pipe).
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
    let web: number | undefined;
    try {
      web = webServerPid();
    } catch {
      web = undefined;
    }
    launcher.kill("SIGTERM");
    const stopped = await Promise.race([exitCodeOf(launcher).then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) {
      launcher.kill("SIGKILL");
      await exitCodeOf(launcher);
      if (web && isAlive(web)) process.kill(web, "SIGKILL");
      try {
        const { pid } = postmaster();
        if (isAlive(pid)) process.kill(pid, "SIGQUIT");
      } catch {
        // no postmaster.pid: nothing left running
      }
    }
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it("keeps every save answered with success through a killed web server and a killed database", async () => {
  const settings = await withOwner(async (client) => {
    const { rows } = await client.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`);
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  });
  expect(settings, "the database that holds real reports runs with PostgreSQL's durable settings").toEqual({ fsync: "on", synchronous_commit: "on", full_page_writes: "on" });

  const workers = Array.from({ length: CASEWORKERS }, (_, i) => caseworker(`fault-${i + 1}@demo.example.org`, i + 1));
  const done = Promise.all(workers);
  done.catch(() => undefined);

  await untilAcked(SAVES_PER_PHASE);
  phase = 1;
  await killServer();

  await untilAcked(SAVES_PER_PHASE);
  phase = 2;
  const before = postmaster().pid;
  // While the database is down, a page and the API answer 503 (not 500), the API with Retry-After.
  await killPostgres();
  // The proxy shares one check of the database for HOMEWARD_DATABASE_CHECK_MS (100 ms here): a request
  // right after the kill may still get the last check's answer, so ask for up to a second.
  let page = await fetch(`${baseUrl}/sign-in`);
  for (let tries = 0; page.status !== 503 && tries < 10; tries++) {
    await new Promise((wait) => setTimeout(wait, 100));
    page = await fetch(`${baseUrl}/sign-in`);
  }
  expect(page.status).toBe(503);
  expect(await page.text()).toContain("Homeward cannot reach its database");
  const api = await fetch(`${baseUrl}/api/episodes`, { method: "POST", headers: { origin: baseUrl, "content-type": "application/json" }, body: "{}" });
  expect(api.status).toBe(503);
  expect(api.headers.get("retry-after")).toBe("5");
  expect((await fetch(`${baseUrl}/api/health`)).status).toBe(503);

  await untilAcked(SAVES_PER_PHASE);
  stopping = true;
  await done;

  const perPhase = [0, 1, 2].map((p) => acks.filter((ack) => ack.phase === p && ack.kind === "step").length);
  expect(perPhase.every((n) => n > 0), `saves answered per phase: ${perPhase.join(", ")}\n${launcherOutput.slice(-3000)}`).toBe(true);
  expect(unanswered.slice(1).every((n) => n > 0), `requests left unanswered after each blow: ${unanswered.slice(1).join(", ")}`).toBe(true);

  expect(postmaster().pid, "npm start started PostgreSQL again").not.toBe(before);
  expect(launcherOutput).toMatch(/"event":"web\.restarted"/);
  expect(launcherOutput).toMatch(/"event":"postgres\.restarted"/);

  const missing = await withOwner(async (client) => {
    const problems: string[] = [];
    for (const ack of acks) {
      const { rows } = await client.query(
        `SELECT e."version", e."stepVersions", e."missingEvent"::text AS "missing-event", e."description"::text AS "description",
                e."risks"::text AS "risks", e."contacts"::text AS "contacts", row_to_json(c)::text AS "child"
           FROM "Episode" e JOIN "Child" c ON c."id" = e."childId" WHERE e."id" = $1`,
        [ack.episodeId],
      );
      const episode = rows[0] as Record<string, unknown> | undefined;
      if (!episode) {
        problems.push(`episode ${ack.episodeId} (started, answered 201) is missing`);
        continue;
      }
      if (ack.kind === "start") continue;
      const stepVersion = (episode.stepVersions as Record<string, number>)[ack.step];
      if (stepVersion !== ack.version) problems.push(`${ack.step} of ${ack.episodeId}: saved as version ${ack.version}, found ${stepVersion}`);
      if (!String(episode[ack.step]).includes(ack.marker)) problems.push(`${ack.step} of ${ack.episodeId}: the values answered as saved are not there`);
      const audited = await client.query(
        `SELECT 1 FROM "AuditEvent" WHERE "action" = 'episode.step_saved' AND "targetId" = $1 AND "details"->>'step' = $2 AND ("details"->>'version')::int = $3`,
        [ack.episodeId, ack.step, ack.version],
      );
      if (audited.rowCount !== 1) problems.push(`${ack.step} of ${ack.episodeId}: no audit event for version ${ack.version}`);
    }
    return problems;
  });
  expect(missing).toEqual([]);
  console.log(
    `fault test: ${acks.length} saves answered with success, all present (steps: ${perPhase.join(" / ")} before the web server was killed / ` +
      `before the database was killed / after; unanswered attempts after each blow: ${unanswered.slice(1).join(" / ")}).`,
  );

  // A clean stop: SIGTERM ends npm start with 0, and its PostgreSQL with it.
  const { pid } = postmaster();
  launcher!.kill("SIGTERM");
  expect(await exitCodeOf(launcher!)).toBe(0);
  expect(isAlive(pid)).toBe(false);
  expect(launcherOutput).toMatch(/"event":"stop\.requested"/);
});
