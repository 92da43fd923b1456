/**
 * `npm start`, `npm run dev`, `npm test` and their parts. Finds or starts PostgreSQL, migrates,
 * seeds demo data when asked, runs Next.js or the test suites, and stops everything it started.
 * Run as: node --conditions=react-server --import tsx scripts/run.ts <command>
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { EnvError, launcherEnv, type Env } from "../src/config/env";
import { seedDemoData, DEMO_AGENCIES, DEMO_PEOPLE } from "../prisma/seed";
import { LaunchError } from "./lib/launch-error";
import { assertPortFree, findFreePort } from "./lib/ports";
import { ROOT, bin, exitCodeOf, run, startChild, stopChildren } from "./lib/processes";
import {
  createDatabase,
  dropDatabase,
  embeddedPostgres,
  ensureDatabaseExists,
  externalPostgres,
  uniqueDatabaseName,
  type Postgres,
} from "./lib/postgres";

const say = (line: string) => console.log(`homeward: ${line}`);

let postgres: Postgres | undefined;
let temporaryDatabase: string | undefined;

async function shutdown(code: number): Promise<never> {
  await stopChildren();
  if (postgres && temporaryDatabase) await dropDatabase(postgres.serverUrl, temporaryDatabase).catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    void shutdown(130);
  });
}

function dataDir(env: Env, ...parts: string[]): string {
  const dir = path.resolve(ROOT, env.HOMEWARD_DATA_DIR, ...parts);
  mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

/** A secret for signing session cookies, made once per data folder when none is configured. */
function localSecret(env: Env): string {
  const file = dataDir(env, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function migrate(databaseUrl: string): Promise<void> {
  const { code, output } = await run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl }, { quiet: true });
  if (code !== 0) {
    const reason = output.split("\n").find((line) => /^Error|P\d{4}/.test(line.trim())) ?? output.trim().split("\n").pop();
    throw new LaunchError(`Migrating the database failed: ${reason}`);
  }
}

/** The app database: DATABASE_URL as given, or the embedded cluster's `homeward` database. */
async function appDatabase(env: Env): Promise<string> {
  if (env.DATABASE_URL) {
    postgres = await externalPostgres(env.DATABASE_URL);
    return env.DATABASE_URL;
  }
  say("starting the embedded PostgreSQL (data in .data/postgres)…");
  postgres = await embeddedPostgres(dataDir(env, "postgres"));
  return ensureDatabaseExists(postgres.serverUrl, "homeward");
}

/** A fresh database for one test run, on the DATABASE_URL server or an embedded test cluster. */
async function testDatabase(env: Env): Promise<string> {
  postgres ??= env.DATABASE_URL ? await externalPostgres(env.DATABASE_URL) : await embeddedPostgres(dataDir(env, "test-postgres"));
  temporaryDatabase = uniqueDatabaseName("homeward_test");
  const url = await createDatabase(postgres.serverUrl, temporaryDatabase);
  await migrate(url);
  return url;
}

function newestSourceChange(): number {
  let newest = 0;
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    const stat = statSync(target);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(target)) if (entry !== "generated") visit(path.join(target, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["src", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "package-lock.json"]) visit(path.join(ROOT, entry));
  return newest;
}

async function buildIfStale(env: NodeJS.ProcessEnv, force = false): Promise<void> {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!force && existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceChange()) return;
  say("building the production app (next build)…");
  const { code } = await run(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
  if (code !== 0) throw new LaunchError("next build failed; see the messages above.");
}

async function waitUntilHealthy(url: string, child: ReturnType<typeof startChild>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new LaunchError("The web server stopped during start-up; see the messages above.");
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new LaunchError(`The web server did not answer at ${url} within 90 seconds.`);
}

function demoBanner(env: Env) {
  const passwordNote = process.env.DEMO_PASSWORD ? "the password in DEMO_PASSWORD" : `password ${env.DEMO_PASSWORD}`;
  const lines = DEMO_AGENCIES.map(
    (agency) => `  ${agency.name}: ${DEMO_PEOPLE.map((p) => `${p.local}@${agency.domain}`).join(", ")}`,
  );
  return [`Demo accounts (${passwordNote}):`, ...lines].join("\n");
}

async function serve(mode: "start" | "dev", env: Env): Promise<number> {
  const demo = env.HOMEWARD_DEMO ?? !env.DATABASE_URL;
  // A real deployment brings its own secret; a local or demo run makes one under .data/.
  if (!env.NEXTAUTH_SECRET && mode === "start" && env.DATABASE_URL && !demo) {
    throw new LaunchError("NEXTAUTH_SECRET is missing: set it to a random string of 32+ characters (openssl rand -base64 32).");
  }
  const secret = env.NEXTAUTH_SECRET ?? localSecret(env);
  await assertPortFree(env.PORT);
  const databaseUrl = await appDatabase(env);
  await migrate(databaseUrl);
  if (demo) {
    const { created } = await seedDemoData(databaseUrl, env.DEMO_PASSWORD);
    if (created) say("demo data added (two agencies, three users each).");
  }
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl, PORT: String(env.PORT) };
  if (mode === "start") await buildIfStale(childEnv);
  const child = startChild(bin("next"), [mode, "-p", String(env.PORT)], { ...childEnv, NODE_ENV: mode === "start" ? "production" : "development" });
  await waitUntilHealthy(`http://127.0.0.1:${env.PORT}`, child);
  console.log(`\nHomeward is running at ${publicUrl}\n${demo ? `${demoBanner(env)}\n` : ""}Press Ctrl-C to stop.\n`);
  return exitCodeOf(child);
}

type StageResult = { name: string; ok: boolean; tests?: { passed: number; failed: number; skipped: number } };

function readVitestCounts(file: string): StageResult["tests"] {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywrightCounts(file: string): StageResult["tests"] {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

/** Extra arguments after the command (`npm run test:integration -- tests/integration/packet.test.ts`) go to the test runner. */
const passThrough = process.argv.slice(3);

async function vitest(project: "unit" | "integration", env: NodeJS.ProcessEnv, reports: string, extra: string[] = []): Promise<StageResult> {
  const report = path.join(reports, `${project}.json`);
  const { code } = await run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], env);
  return { name: `${project} tests`, ok: code === 0, tests: readVitestCounts(report) };
}

async function integration(env: Env, reports: string, extra: string[] = []): Promise<StageResult> {
  const url = await testDatabase(env);
  return vitest("integration", { ...process.env, DATABASE_URL: url, TEST_PG_SERVER_URL: postgres!.serverUrl, NEXTAUTH_SECRET: "integration-test-secret-integration-test-secret" }, reports, extra);
}

async function e2e(env: Env, reports: string, extra: string[] = []): Promise<StageResult> {
  const url = await testDatabase(env);
  await seedDemoData(url, env.DEMO_PASSWORD);
  const port = await findFreePort(3100);
  const baseUrl = `http://localhost:${port}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: "end-to-end-test-secret-end-to-end-test-secret",
    NEXTAUTH_URL: baseUrl,
    PORT: String(port),
  };
  await buildIfStale(serverEnv);
  const server = startChild(bin("next"), ["start", "-p", String(port)], { ...serverEnv, NODE_ENV: "production" }, { quiet: true });
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}`, server);
    const report = path.join(reports, "e2e.json");
    const { code } = await run(bin("playwright"), ["test", ...extra], { ...serverEnv, E2E_BASE_URL: baseUrl, PLAYWRIGHT_JSON_OUTPUT_FILE: report });
    return { name: "end-to-end tests", ok: code === 0, tests: readPlaywrightCounts(report) };
  } finally {
    server.kill("SIGTERM");
    await exitCodeOf(server);
  }
}

async function staticCheck(name: string, command: string, args: string[]): Promise<StageResult> {
  say(`${name}…`);
  const { code } = await run(command, args, process.env);
  return { name, ok: code === 0 };
}

function printSummary(results: StageResult[]) {
  console.log("\nSummary");
  let total = 0;
  for (const result of results) {
    const counts = result.tests ? ` — ${result.tests.passed} passed, ${result.tests.failed} failed, ${result.tests.skipped} skipped` : "";
    total += result.tests ? result.tests.passed + result.tests.failed + result.tests.skipped : 0;
    console.log(`  ${result.ok ? "PASS" : "FAIL"}  ${result.name}${counts}`);
  }
  console.log(`  ${total} tests ran in all.`);
}

async function testAll(env: Env, only?: "integration" | "e2e"): Promise<number> {
  const reportDir = dataDir(env, "reports");
  mkdirSync(reportDir, { recursive: true });
  const results: StageResult[] = [];
  if (!only) {
    await run(bin("next"), ["typegen"], process.env, { quiet: true });
    results.push(await staticCheck("typecheck", bin("tsc"), ["--noEmit"]));
    results.push(await staticCheck("lint", bin("eslint"), ["--max-warnings", "0", "."]));
    results.push(await vitest("unit", process.env, reportDir));
  }
  if (!only || only === "integration") {
    results.push(await integration(env, reportDir, only ? passThrough : []));
    if (temporaryDatabase) await dropDatabase(postgres!.serverUrl, temporaryDatabase);
    temporaryDatabase = undefined;
  }
  if (!only || only === "e2e") results.push(await e2e(env, reportDir, only ? passThrough : []));
  printSummary(results);
  return results.every((r) => r.ok) ? 0 : 1;
}

async function main(): Promise<number> {
  const command = process.argv[2];
  const env = launcherEnv();
  switch (command) {
    case "start":
    case "dev":
      return serve(command, env);
    case "test":
      return testAll(env);
    case "test-integration":
      return testAll(env, "integration");
    case "test-e2e":
      return testAll(env, "e2e");
    case "bench-packet": {
      const url = await testDatabase(env);
      const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "bench-packet.ts")], { ...process.env, DATABASE_URL: url });
      return code;
    }
    case "migrate-dev": {
      const url = await appDatabase(env);
      const { code } = await run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migrate", "dev", ...process.argv.slice(3)], { ...process.env, DATABASE_URL: url });
      return code;
    }
    default:
      throw new LaunchError(`Unknown command "${command}". Use start, dev, test, test-integration, test-e2e, bench-packet or migrate-dev.`);
  }
}

main()
  .then((code) => shutdown(code))
  .catch(async (error: unknown) => {
    if (error instanceof LaunchError || error instanceof EnvError) console.error(`homeward: ${error.message}`);
    else console.error("homeward: unexpected error:", error);
    await shutdown(1);
  });
