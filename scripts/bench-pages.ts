/**
 * npm run bench:pages — each of Homeward's pages against a bare Next.js page (bench/bare: the same
 * Next.js and React, rendering 50 rows read with pg from the same PostgreSQL), interleaved in one
 * run so that both see the same machine: requests per second, p50 and p99 at a fixed number of
 * connections, the ratio of Homeward's throughput to the bare page's, and the SQL statements each
 * page sends per request (pg_stat_statements, BEGIN and COMMIT and the job queue's not counted), and
 * the JavaScript each page loads, gzipped, beside the bare page's.
 *
 * Run by scripts/run.ts, which builds both, starts them on loopback on a fresh database with the
 * demo people and passes BENCH_BASE_URL, BENCH_BARE_URL, DATABASE_URL (the owner's), BENCH_PASSWORD.
 * BENCH_CONNECTIONS (default 10), BENCH_SECONDS per slice (default 5) and BENCH_ROUNDS (default 3)
 * change the load. Then the autosave endpoint at a steady rate (open loop: one draft every 1/rate s,
 * answered or not): BENCH_AUTOSAVE_RATE per second (default 20) for BENCH_AUTOSAVE_SECONDS (default 20).
 * BENCH_PAGES=case,wizard measures only the pages whose label holds one of those words,
 * BENCH_SAVE_HTML=<folder> writes each page's HTML there, and
 * BENCH_CPU_PROFILE=<folder> has the Homeward server write a V8 CPU profile there when it stops.
 *
 * Beside each page, the bare app also renders that page's own markup again (the <body> the page
 * sent, as a tree: scripts/lib/markup-tree.ts), with no data, session or components: "same markup
 * in the bare app" is the most a page of that size could reach on this machine with this framework.
 */
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { giveSecondFactorIn } from "../tests/fixtures/second-factor";
import { BenchClient, pagesNamedIn, quantile, startReport } from "./lib/bench-client";
import { elementCount, markupTree } from "./lib/markup-tree";

const BASE = process.env.BENCH_BASE_URL!;
const BARE = process.env.BENCH_BARE_URL!;
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const COUNT_STATEMENTS = process.env.BENCH_COUNT_STATEMENTS === "1";
/** BENCH_SHOW_STATEMENTS=1 lists each page's statements (calls per request, mean time). */
const SHOW_STATEMENTS = process.env.BENCH_SHOW_STATEMENTS === "1";
const STATEMENT_SAMPLES = 20;
const EPISODES_FOR_THE_LISTS = 50;
const AUTOSAVE_RATE = Number(process.env.BENCH_AUTOSAVE_RATE ?? 20);
const AUTOSAVE_SECONDS = Number(process.env.BENCH_AUTOSAVE_SECONDS ?? 20);
/** BENCH_SAVE_HTML=<folder>: each page's HTML is written there, to see what a page sends. */
const SAVE_HTML = process.env.BENCH_SAVE_HTML;
/** Where the bare app reads each page's markup from (BARE_MARKUP_DIR of the bare app). */
const MARKUP_DIR = process.env.BENCH_MARKUP_DIR;
/** BENCH_PAGES=case,wizard: only the pages whose label holds one of these words (all by default). */
const MEASURED = pagesNamedIn(process.env.BENCH_PAGES);

type Target = { label: string; slug: string; client: BenchClient; path: string };
type Slice = { count: number; seconds: number; latencies: number[]; failures: Map<string, number> };

const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });

/** `connections` loops, each sending the next request when the last is answered, for `seconds`. */
async function load(target: Pick<Target, "client" | "path">, seconds: number): Promise<Slice> {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        try {
          const { status, ms } = await target.client.fetchWhole(target.path);
          if (status === 200) latencies.push(ms);
          else failures.set(`HTTP ${status}`, (failures.get(`HTTP ${status}`) ?? 0) + 1);
        } catch (error) {
          const message = error instanceof Error ? error.message : "network error";
          failures.set(message, (failures.get(message) ?? 0) + 1);
        }
      }
    }),
  );
  return { count: latencies.length, seconds: (performance.now() - started) / 1000, latencies, failures };
}

/** Statements per request of one page: counted over a few requests sent one after another. */
async function statementsPerRequest(target: Target): Promise<number | null> {
  if (!COUNT_STATEMENTS) return null;
  await sql.query("SELECT pg_stat_statements_reset()");
  for (let i = 0; i < STATEMENT_SAMPLES; i++) await target.client.fetchWhole(target.path);
  const { rows } = await sql.query<{ calls: string | null }>(
    `SELECT sum("calls") AS "calls" FROM pg_stat_statements
      WHERE "dbid" = (SELECT "oid" FROM pg_database WHERE "datname" = current_database())
        AND "query" !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|SELECT pg_stat_statements_reset)'
        AND "query" NOT ILIKE '%pgboss%'`,
  );
  if (SHOW_STATEMENTS) {
    // Every statement the page sent, BEGIN and COMMIT included, with its calls per request and time.
    const { rows: each } = await sql.query<{ calls: string; ms: number; query: string }>(
      `SELECT "calls", "total_exec_time" AS "ms", "query" FROM pg_stat_statements
        WHERE "dbid" = (SELECT "oid" FROM pg_database WHERE "datname" = current_database())
          AND "query" NOT ILIKE '%pg_stat_statements%' AND "query" NOT ILIKE '%pgboss%'
        ORDER BY "calls" DESC, "total_exec_time" DESC`,
    );
    for (const row of each) console.log(`      ${(Number(row.calls) / STATEMENT_SAMPLES).toFixed(1)} × ${(row.ms / Number(row.calls)).toFixed(2)} ms  ${row.query.replace(/\s+/g, " ").slice(0, 140)}`);
  }
  return Number(rows[0]?.calls ?? 0) / STATEMENT_SAMPLES;
}

/**
 * The JavaScript a page makes the browser load, gzipped as a server would send it: every script
 * its HTML names (the framework's and the page's chunks), each counted once.
 */
async function javascriptOf(client: BenchClient, base: string, path_: string): Promise<{ javascript: number; html: number }> {
  const { response } = await client.request(path_);
  const html = await response.text();
  if (SAVE_HTML) writeFileSync(path.join(SAVE_HTML, `${path_.replace(/[^a-z0-9]+/gi, "_") || "_"}.html`), html);
  const sources = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js[^"]*)"/g)].map((match) => match[1]!));
  let bytes = 0;
  for (const source of sources) {
    const script = await fetch(new URL(source, base));
    bytes += gzipSync(Buffer.from(await script.arrayBuffer())).length;
  }
  return { javascript: bytes, html: Buffer.byteLength(html) };
}

/** The demo caseworker with episodes to list: two reported in full, the rest started. */
async function caseworkerWithEpisodes(): Promise<{ client: BenchClient; episodeId: string; draftEpisodeId: string }> {
  const secret = process.env.NEXTAUTH_SECRET!;
  const email = "caseworker@demo.example.org";
  const totp = await giveSecondFactorIn(sql, email, secret);
  if (!totp) throw new Error(`${email} is not in the database`);
  const client = new BenchClient(BASE);
  await client.signIn(email, PASSWORD, totp);
  let reported = "";
  let started = "";
  for (let n = 0; n < EPISODES_FOR_THE_LISTS; n++) {
    const episodeId = await startReport(client, `BENCH-${n}`, { complete: n < 2 });
    if (n < 2) reported = episodeId;
    else started = episodeId;
  }
  return { client, episodeId: reported, draftEpisodeId: started };
}

/** The autosave endpoint (PUT of a draft) at a steady rate, open loop; latency to the whole answer. */
async function steadyAutosave(client: BenchClient, episodeId: string) {
  const version = Number((await sql.query(`SELECT "version" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].version);
  const total = Math.round(AUTOSAVE_RATE * AUTOSAVE_SECONDS);
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: total }, (_, i) =>
      new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, start + (i * 1000) / AUTOSAVE_RATE - performance.now()))).then(async () => {
        const sent = performance.now();
        try {
          const { response } = await client.json("PUT", `/api/episodes/${episodeId}/drafts/child`, { baseVersion: version, values: { middleName: `Bench ${i}` } });
          await response.arrayBuffer();
          if (response.ok) latencies.push(performance.now() - sent);
          else failures.set(`HTTP ${response.status}`, (failures.get(`HTTP ${response.status}`) ?? 0) + 1);
        } catch (error) {
          const message = error instanceof Error ? error.message : "network error";
          failures.set(message, (failures.get(message) ?? 0) + 1);
        }
      }),
    ),
  );
  const q = (at: number) => quantile(latencies, at).toFixed(0);
  const failed = [...failures].map(([what, n]) => `${what} × ${n}`).join("; ");
  console.log(`Autosave (PUT of a draft) at a steady ${AUTOSAVE_RATE} per second for ${AUTOSAVE_SECONDS} s:`);
  console.log(`  ${latencies.length} answered  p50 ${q(0.5)} ms  p90 ${q(0.9)} ms  p95 ${q(0.95)} ms  p99 ${q(0.99)} ms${failed ? `  failures: ${failed}` : ""}`);
  return failures.size > 0;
}

function line(label: string, slice: Slice, statements: number | null, bareRate?: number, javascript?: { page: number; bare: number; html: number }) {
  const rate = slice.count / slice.seconds;
  const ratio = bareRate ? (rate / bareRate).toFixed(2) : "";
  const failures = [...slice.failures].map(([what, n]) => `${what} × ${n}`).join("; ");
  console.log(
    `  ${label.padEnd(26)} ${rate.toFixed(0).padStart(6)} req/s  p50 ${quantile(slice.latencies, 0.5).toFixed(0).padStart(5)} ms  p99 ${quantile(slice.latencies, 0.99).toFixed(0).padStart(5)} ms` +
      `  ${ratio ? `ratio ${ratio}` : "          "}${statements === null ? "" : `  ${statements.toFixed(1)} statements per request`}` +
      `${javascript ? `  JS ${(javascript.page / 1024).toFixed(0)} KB gzipped (${javascript.page >= javascript.bare ? "+" : ""}${((javascript.page - javascript.bare) / 1024).toFixed(0)} KB)  HTML ${(javascript.html / 1024).toFixed(0)} KB` : ""}${failures ? `  failures: ${failures}` : ""}`,
  );
}

function merge(slices: Slice[]): Slice {
  const failures = new Map<string, number>();
  for (const slice of slices) for (const [what, n] of slice.failures) failures.set(what, (failures.get(what) ?? 0) + n);
  return {
    count: slices.reduce((sum, s) => sum + s.count, 0),
    seconds: slices.reduce((sum, s) => sum + s.seconds, 0),
    latencies: slices.flatMap((s) => s.latencies),
    failures,
  };
}

/** The bare page's server answers once it has started (it has no health route). */
async function waitForBare() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answered = await fetch(BARE).then((r) => r.status === 200, () => false);
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`the bare page at ${BARE} did not answer within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  await sql.connect();
  if (SAVE_HTML) mkdirSync(SAVE_HTML, { recursive: true });
  await waitForBare();
  const { client: caseworker, episodeId, draftEpisodeId } = await caseworkerWithEpisodes();
  const anonymous = new BenchClient(BASE);
  const targets: Target[] = (
    [
    { label: "sign-in (anonymous)", slug: "sign-in", client: anonymous, path: "/sign-in" },
    { label: "home", slug: "home", client: caseworker, path: "/" },
    { label: "case list /cases", slug: "case-list", client: caseworker, path: "/cases" },
    { label: "case page", slug: "case-page", client: caseworker, path: `/cases/${episodeId}` },
    { label: "wizard step", slug: "wizard-step", client: caseworker, path: `/cases/${episodeId}/report/child` },
    ] satisfies Target[]
  ).filter((target) => MEASURED(target.label));
  const bare = { client: new BenchClient(BARE), path: "/" };
  // Each page's markup, for the bare app to render again beside it.
  const markup = new Map<string, { client: BenchClient; path: string; elements: number }>();
  if (MARKUP_DIR) {
    for (const target of targets) {
      const { response } = await target.client.request(target.path);
      const tree = markupTree(await response.text());
      writeFileSync(path.join(MARKUP_DIR, `${target.slug}.json`), JSON.stringify(tree));
      markup.set(target.label, { client: bare.client, path: `/markup/${target.slug}`, elements: elementCount(tree) });
    }
  }
  // Warm both servers (first renders compile nothing in production, but fill caches and pools).
  for (const target of [...targets, bare, ...markup.values()]) await load(target, 1);

  const results = new Map<string, { homeward: Slice[]; bare: Slice[]; markup: Slice[] }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const entry = results.get(target.label) ?? results.set(target.label, { homeward: [], bare: [], markup: [] }).get(target.label)!;
      entry.homeward.push(await load(target, SECONDS));
      entry.bare.push(await load(bare, SECONDS));
      const same = markup.get(target.label);
      if (same) entry.markup.push(await load(same, SECONDS));
    }
  }
  console.log(`Pages against the bare page: ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, interleaved, production builds on loopback`);
  const allBare = merge([...results.values()].flatMap((entry) => entry.bare));
  const bareJavascript = await javascriptOf(bare.client, BARE, bare.path);
  line("bare page (all slices)", allBare, null, undefined, { page: bareJavascript.javascript, bare: bareJavascript.javascript, html: bareJavascript.html });
  let failed = false;
  for (const target of targets) {
    const entry = results.get(target.label)!;
    const homeward = merge(entry.homeward);
    const bareOfTarget = merge(entry.bare);
    failed ||= homeward.failures.size > 0 || bareOfTarget.failures.size > 0;
    const weight = await javascriptOf(target.client, BASE, target.path);
    const javascript = { page: weight.javascript, bare: bareJavascript.javascript, html: weight.html };
    line(target.label, homeward, await statementsPerRequest(target), bareOfTarget.count / bareOfTarget.seconds, javascript);
    const same = markup.get(target.label);
    if (same) {
      const slice = merge(entry.markup);
      failed ||= slice.failures.size > 0;
      line(`  same markup, bare app`, slice, null, bareOfTarget.count / bareOfTarget.seconds);
      const rate = (s: Slice) => s.count / s.seconds;
      console.log(`    ${same.elements} elements; the page reaches ${(rate(homeward) / rate(slice)).toFixed(2)} of its own markup rendered bare`);
    }
  }
  failed = (await steadyAutosave(caseworker, draftEpisodeId)) || failed;
  process.exitCode = failed ? 1 : 0;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => sql.end());
