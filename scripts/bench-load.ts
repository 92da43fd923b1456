/**
 * npm run bench:load — many caseworkers at once against the production build, on loopback only.
 * Each signs in, starts a report, autosaves and saves every step, and downloads a packet, then
 * starts again, for a fixed time. Prints requests per second, p50/p95/p99 per kind of request,
 * the errors, and a check that every save answered with success is in the database (its audit
 * event is written in the save's own transaction).
 *
 * Run by scripts/run.ts, which builds the app, starts it on a fresh database with the caseworkers
 * and passes BENCH_BASE_URL, DATABASE_URL, BENCH_USERS (default 50) and BENCH_SECONDS (default 120).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { completeSteps } from "../tests/fixtures/episode-steps";
import { FORM_STEP_KEYS } from "../src/domain/steps";
import { giveSecondFactorIn } from "../tests/fixtures/second-factor";
import { BenchClient, quantile } from "./lib/bench-client";

const BASE = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3000";
const USERS = Number(process.env.BENCH_USERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const DRAFTS_PER_STEP = 2;

type Kind = "sign-in" | "start report" | "autosave" | "save step" | "packet";
const samples = new Map<Kind, number[]>();
const errors = new Map<string, number>();
const answeredSaves: { episodeId: string; step: string; version: number }[] = [];
let requests = 0;

/** One caseworker's browser, each request's time recorded under its kind and its failures counted. */
class Client {
  private readonly browser: BenchClient;
  constructor(address: string) {
    this.browser = new BenchClient(BASE, address);
  }
  async request(kind: Kind, path: string, init: RequestInit = {}): Promise<Response> {
    let answer: { response: Response; ms: number };
    try {
      answer = await this.browser.request(path, init);
    } catch (error) {
      count(`${kind}: ${error instanceof Error ? error.message : "network error"}`);
      throw error;
    }
    requests++;
    (samples.get(kind) ?? samples.set(kind, []).get(kind)!).push(answer.ms);
    if (answer.response.status >= 400) count(`${kind}: HTTP ${answer.response.status}`);
    return answer.response;
  }
  json(kind: Kind, method: string, path: string, body: unknown) {
    return this.request(kind, path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }
  /** The sign-in's requests are timed as "sign-in" (the password, then the code). */
  async signIn(email: string, totpSecret: string) {
    this.browser.observe = (status, ms) => {
      requests++;
      (samples.get("sign-in") ?? samples.set("sign-in", []).get("sign-in")!).push(ms);
      if (status >= 400) count(`sign-in: HTTP ${status}`);
    };
    try {
      await this.browser.signIn(email, PASSWORD, totpSecret);
    } catch (error) {
      count(`sign-in: ${error instanceof Error ? error.message : "failed"}`);
      throw error;
    } finally {
      this.browser.observe = null;
    }
  }
}

function count(error: string) {
  errors.set(error, (errors.get(error) ?? 0) + 1);
}

/** Each caseworker gets a second factor in the database (every account must have one). */
async function giveSecondFactors(): Promise<string[]> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run this through npm run bench:load");
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const secrets: string[] = [];
    for (let user = 0; user < USERS; user++) secrets.push((await giveSecondFactorIn(db, `load-${user}@load.example.org`, secret))!);
    return secrets;
  } finally {
    await db.end();
  }
}

async function fileOneReport(client: Client, n: number, user: number) {
  const started = await client.json("start report", "POST", "/api/episodes", {
    newChild: { firstName: `Load${user}`, lastName: `Test${n}`, dateOfBirth: "2012-03-04", agencyCaseNumber: `LOAD-${user}-${n}`, underAgencyGuardianship: "yes" },
  });
  if (started.status !== 201) return;
  const { episodeId } = (await started.json()) as { episodeId: string };
  const steps = completeSteps(new Date());
  let version = 1;
  for (const step of FORM_STEP_KEYS) {
    for (let i = 0; i < DRAFTS_PER_STEP; i++) await client.json("autosave", "PUT", `/api/episodes/${episodeId}/drafts/${step}`, { baseVersion: version, values: steps[step] });
    const saved = await client.json("save step", "PUT", `/api/episodes/${episodeId}/steps/${step}`, { version, values: steps[step] });
    if (saved.status !== 200) return;
    version = ((await saved.json()) as { version: number }).version;
    answeredSaves.push({ episodeId, step, version });
  }
  const packet = await client.request("packet", `/api/episodes/${episodeId}/packet?variant=full&format=pdf`);
  await packet.arrayBuffer();
}

async function caseworker(user: number, totpSecret: string, until: number) {
  const client = new Client(`10.${Math.floor(user / 250)}.${user % 250}.${1 + (user % 200)}`);
  try {
    await client.signIn(`load-${user}@load.example.org`, totpSecret);
  } catch {
    return;
  }
  for (let n = 0; performance.now() < until; n++) await fileOneReport(client, n, user).catch(() => undefined);
}


async function lostSaves(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ targetId: string; step: string; version: number }>(
      `SELECT "targetId", "details"->>'step' AS "step", ("details"->>'version')::int AS "version" FROM "AuditEvent" WHERE "action" = 'episode.step_saved'`,
    );
    const stored = new Set(rows.map((r) => `${r.targetId}|${r.step}|${r.version}`));
    return answeredSaves.filter((s) => !stored.has(`${s.episodeId}|${s.step}|${s.version}`)).length;
  } finally {
    await client.end();
  }
}

async function main() {
  const secrets = await giveSecondFactors();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: USERS }, (_, user) => caseworker(user, secrets[user]!, until)));
  const elapsed = (performance.now() - started) / 1000;
  console.log(`Load: ${USERS} caseworkers for ${SECONDS} s against ${BASE} (production build, loopback)`);
  console.log(`  ${requests} requests in ${elapsed.toFixed(1)} s: ${(requests / elapsed).toFixed(1)} requests per second`);
  for (const [kind, values] of samples) {
    console.log(`  ${kind.padEnd(13)} ${String(values.length).padStart(6)} requests  p50 ${quantile(values, 0.5).toFixed(0)} ms  p95 ${quantile(values, 0.95).toFixed(0)} ms  p99 ${quantile(values, 0.99).toFixed(0)} ms`);
  }
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(`  errors: ${errorCount}${errorCount ? ` (${[...errors].map(([e, n]) => `${e} × ${n}`).join("; ")})` : ""}`);
  const lost = await lostSaves();
  console.log(`  saves answered with success: ${answeredSaves.length}; not in the database: ${lost}`);
  process.exitCode = errorCount === 0 && lost === 0 ? 0 : 1;
}

void main();
