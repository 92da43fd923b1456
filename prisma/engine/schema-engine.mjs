#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary (PostgreSQL only).
//
// Why: the Prisma 7 CLI downloads a native schema-engine from a CDN before every command, and
// this project's machines can only reach the npm registry. The same engine is published on npm
// compiled to WebAssembly (@prisma/schema-engine-wasm); it talks to the database through a
// JavaScript driver adapter (@prisma/adapter-pg) instead of its own network code. This file
// wraps it in the command-line and JSON-RPC interface the CLI expects from the native binary,
// so `PRISMA_SCHEMA_ENGINE_BINARY=<this file>` makes the CLI download nothing.
// See docs/decisions/001-prisma-offline-schema-engine.md.
//
// How the CLI (node_modules/prisma/build/cli.js, 7.10.1) uses the binary:
//   schema-engine --version
//   schema-engine --datasource '{"url":"..."}' cli can-connect-to-database|create-database|drop-database
//     -> exit 0 on success; on failure exit 1 and write JSON log lines to stderr. The CLI skips
//        the first stderr line and parses every other line as JSON, taking the ERROR line's
//        `fields.error_code` / `fields.message` (e.g. P1000, P1001, P1003).
//   schema-engine --datamodels <file>... --datasource '{"url":"...","shadowDatabaseUrl":"..."}'
//     -> JSON-RPC 2.0, one message per line: requests on stdin, responses on stdout, logs as
//        JSON lines on stderr. The engine may itself send the CLI a `print` request (used by
//        `migrate diff` to output the script) and waits for the CLI's reply on stdin.
//        The CLI ends stdin when it is done and sends SIGTERM right after.
//
// Nothing but protocol messages may be written to stdout, and in `cli` mode nothing but JSON
// lines to stderr, hence the silencing of Node warnings and console output below.

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";

// Node warnings (e.g. pg's sslmode notice) go to stderr and would break the CLI's JSON parsing.
process.removeAllListeners("warning");
process.on("warning", () => {});

const require = createRequire(import.meta.url);
const pg = require("pg");
const { parse: parseConnectionString } = require("pg-connection-string");

const WASM_GLUE = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const ENGINE_HASH = readEngineHash();

const EMPTY_FILTER = { externalTables: [], externalEnums: [] };
const SHADOW_PREFIX = "prisma_migrate_shadow_db_";

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function readEngineHash() {
  // The package version is "<semver>.<git hash>"; reading it avoids loading 5 MB of wasm for
  // `--version`.
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(WASM_GLUE), "package.json"), "utf8"));
    return String(pkg.version).split(".").pop();
  } catch {
    return "unknown";
  }
}

/** One JSON log line on stderr, in the shape the native engine's tracing logger uses. */
function logLine(level, message, extraFields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...extraFields },
    target: "schema_engine::logger",
  };
  process.stderr.write(JSON.stringify(line) + "\n");
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: null, cli: null, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V") args.version = true;
    else if (a === "--help" || a === "-h") args.help = true;
    else if (a === "--datamodels" || a === "-d") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.datasource = argv[++i];
    else if (a === "--enabled-preview-features" || a === "--extension-types") i++; // not needed here
    else if (a === "cli") args.cli = argv[++i] ?? "";
    // Anything else is ignored, like unknown log options of the native binary.
  }
  return args;
}

function parseDatasource(json) {
  if (!json) return {};
  try {
    const ds = JSON.parse(json);
    return ds && typeof ds === "object" ? ds : {};
  } catch {
    throw new UserFacingError("P1012", "The --datasource argument is not valid JSON.");
  }
}

/** An error the CLI shows as `<code>: <message>`. */
class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Connection settings and database error messages
// ---------------------------------------------------------------------------------------------

/**
 * Turns a Prisma PostgreSQL URL into a pg config with explicit fields. Explicit fields matter:
 * pg lets `connectionString` override `database`, and we must point the same credentials at
 * other databases (maintenance db, shadow databases).
 */
function pgConfigFromUrl(url) {
  let parsed;
  try {
    // useLibpqCompat: `sslmode=require` means "encrypt, don't verify", as for Prisma's own engine.
    parsed = parseConnectionString(url, { useLibpqCompat: true });
  } catch {
    throw new UserFacingError("P1013", "The provided database string is invalid. The URL could not be parsed.");
  }
  if (!/^postgres(ql)?:/i.test(url)) {
    throw new UserFacingError(
      "P1013",
      "The provided database string is invalid. This offline schema engine only supports postgresql:// URLs.",
    );
  }
  let ssl = parsed.ssl;
  if (parsed.sslaccept === "accept_invalid_certs") {
    ssl = { ...(typeof ssl === "object" ? ssl : {}), rejectUnauthorized: false };
  }
  // Prisma's default connect_timeout is 5 s; 0 means "wait forever".
  const timeoutSeconds = parsed.connect_timeout !== undefined ? Number(parsed.connect_timeout) : 5;
  const schema = parsed.schema || undefined;
  const config = {
    host: parsed.host || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.user || undefined,
    password: parsed.password || undefined,
    database: parsed.database || "postgres",
    ssl,
    connectionTimeoutMillis: Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : 5000,
    application_name: parsed.application_name || "prisma-schema-engine-offline",
  };
  if (schema) {
    // Unqualified names in migration scripts must land in the `?schema=` schema, as with the
    // native engine.
    config.options = `-c search_path="${schema.replace(/"/g, '""')}"`;
  }
  return { config, schema };
}

function locationOf(config) {
  return config.host && config.host.startsWith("/") ? config.host : `${config.host}:${config.port}`;
}

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/** Maps a pg / socket error to Prisma's user-facing code and message (native wording). */
function userFacingFromPgError(err, config) {
  const loc = locationOf(config);
  const code = err?.code;
  if (code === "28P01" || (code === "28000" && /password|authentication/i.test(err.message))) {
    return new UserFacingError(
      "P1000",
      `Authentication failed against database server at \`${config.host}\`, the provided database credentials for \`${config.user ?? ""}\` are not valid.\n\n` +
        `Please make sure to provide valid database credentials for the database server at \`${config.host}\`.`,
    );
  }
  if (code === "28000" || code === "42501") {
    return new UserFacingError("P1010", `User \`${config.user ?? ""}\` was denied access on the database \`${config.database}\``);
  }
  if (code === "3D000") {
    return new UserFacingError("P1003", `Database \`${config.database}\` does not exist on the database server at \`${loc}\`.`);
  }
  if (code === "42P04") {
    return new UserFacingError("P1009", `Database \`${config.database}\` already exists on the database server at \`${loc}\``);
  }
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOENT"].includes(code)) {
    return new UserFacingError(
      "P1001",
      `Can't reach database server at \`${loc}\`\n\nPlease make sure your database server is running at \`${loc}\`.`,
    );
  }
  if (code === "ETIMEDOUT" || /timeout/i.test(err?.message ?? "")) {
    return new UserFacingError(
      "P1002",
      `The database server at \`${loc}\` was reached but timed out.\n\nPlease try again.\n\n` +
        `Please make sure your database server is running at \`${loc}\`.`,
    );
  }
  if (/SSL|TLS|certificate/i.test(err?.message ?? "")) {
    return new UserFacingError("P1011", `Error opening a TLS connection: ${err.message}`);
  }
  if (code === "53300") {
    return new UserFacingError("P1001", `Too many database connections opened: ${err.message}`);
  }
  return null;
}

async function withClient(config, fn) {
  const client = new pg.Client(config);
  client.on("error", () => {}); // a dropped idle connection must not crash the process
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs fn against a database that certainly exists: `postgres`, then `template1`. */
async function withMaintenanceClient(config, fn) {
  try {
    return await withClient({ ...config, database: "postgres" }, fn);
  } catch (err) {
    if (err?.code !== "3D000") throw err;
    return await withClient({ ...config, database: "template1" }, fn);
  }
}

// ---------------------------------------------------------------------------------------------
// One-shot commands: `cli can-connect-to-database | create-database | drop-database`
// ---------------------------------------------------------------------------------------------

async function runCliCommand(command, datasourceJson) {
  // The CLI discards the first stderr line, so always start with an INFO line.
  logLine("INFO", "Starting schema engine CLI (offline wasm stand-in)", { git_hash: ENGINE_HASH });
  try {
    const ds = parseDatasource(datasourceJson);
    if (!ds.url) throw new UserFacingError("P1012", "No datasource URL was given (--datasource '{\"url\": ...}').");
    const { config } = pgConfigFromUrl(ds.url);
    try {
      switch (command) {
        case "can-connect-to-database":
          await withClient(config, (c) => c.query("SELECT 1"));
          process.stdout.write("Connection successful\n");
          break;
        case "create-database":
          await withMaintenanceClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(config.database)}`));
          process.stdout.write(`Database '${config.database}' was successfully created.\n`);
          break;
        case "drop-database":
          await withMaintenanceClient(config, (c) => c.query(`DROP DATABASE ${quoteIdent(config.database)}`));
          process.stdout.write(`The database '${config.database}' was successfully dropped.\n`);
          break;
        default:
          throw new Error(`Unknown cli command: ${command || "(none)"}`);
      }
    } catch (err) {
      throw userFacingFromPgError(err, config) ?? err;
    }
    return 0;
  } catch (err) {
    const fields = err instanceof UserFacingError ? { error_code: err.code } : {};
    logLine("ERROR", String(err?.message ?? err), fields);
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Driver adapter for the wasm engine
// ---------------------------------------------------------------------------------------------

let adapterPg; // @prisma/adapter-pg module
let adapterUtils; // @prisma/driver-adapter-utils module
const openPools = new Set(); // every pg.Pool we created, closed on exit
const openShadowDbs = new Map(); // shadow database name -> pg config used to drop it

/**
 * Works around two defects of @prisma/adapter-pg 7.10.1 when used by the schema engine.
 * Patched once, on the classes of the first adapter we create (they are not exported).
 */
let prototypesPatched = false;
function patchAdapterPrototypes(adapter) {
  if (prototypesPatched) return;
  prototypesPatched = true;
  const { ColumnTypeEnum, DriverAdapterError } = adapterUtils;
  const adapterProto = Object.getPrototypeOf(adapter); // PrismaPgAdapter
  const queryableProto = Object.getPrototypeOf(adapterProto); // PgQueryable, shared with PgTransaction

  // 1. PostgreSQL's internal one-byte `"char"` type (OID 18: pg_class.relkind, pg_constraint.contype,
  //    ...) appears in the engine's catalog queries but the adapter throws "Unsupported column
  //    type". Report it as Text to the adapter's own mapping, then as Character to the engine.
  //    Per-call state is keyed by the query object, which queryRaw passes on to performIO.
  const charColumns = new WeakMap();
  const originalPerformIO = queryableProto.performIO;
  queryableProto.performIO = async function performIO(query) {
    const result = await originalPerformIO.call(this, query);
    const indexes = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = pg.types.builtins.TEXT;
        indexes.push(i);
      }
    });
    if (indexes.length > 0 && query && typeof query === "object") charColumns.set(query, indexes);
    return result;
  };
  const originalQueryRaw = queryableProto.queryRaw;
  queryableProto.queryRaw = async function queryRaw(query) {
    const result = await originalQueryRaw.call(this, query);
    const indexes = charColumns.get(query);
    if (indexes) {
      charColumns.delete(query);
      for (const i of indexes) result.columnTypes[i] = ColumnTypeEnum.Character;
    }
    return result;
  };

  // 2. executeScript splits the script on every ";", which breaks function bodies such as
  //    `$$ ... ; ... $$` in migrations. Send the whole script as one simple-protocol query, as
  //    the native engine does. On failure keep the database's own error text: with the real
  //    SQLSTATE in `code` the engine would swap it for a vaguer message of its own ("column
  //    not found: x"), so the SQLSTATE travels in the message instead.
  adapterProto.executeScript = async function executeScript(script) {
    try {
      await this.client.query(script);
    } catch (err) {
      if (err instanceof pg.DatabaseError) {
        throw new DriverAdapterError({
          kind: "postgres",
          code: "N/A",
          severity: err.severity ?? "ERROR",
          message: `${err.message} (SQLSTATE ${err.code})`,
          detail: err.detail,
          column: err.column,
          hint: err.hint,
        });
      }
      this.onError(err);
    }
  };
}

/** Wraps adapter.dispose so that we know which pools are still open at exit. */
function trackAdapter(adapter, onDispose) {
  const pool = adapter.underlyingDriver();
  openPools.add(pool);
  const dispose = adapter.dispose.bind(adapter);
  let disposed = false;
  adapter.dispose = async () => {
    if (disposed) return;
    disposed = true;
    openPools.delete(pool);
    await dispose().catch(() => {});
    await onDispose?.();
  };
  return adapter;
}

async function dropShadowDatabase(name) {
  const config = openShadowDbs.get(name);
  if (!config) return;
  openShadowDbs.delete(name);
  await withClient(config, async (c) => {
    try {
      // FORCE (PostgreSQL 13+) ends sessions still connected to it.
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (err) {
      if (err?.code !== "42601") throw err; // syntax error: server older than 13
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    }
  }).catch((err) => logLine("WARN", `Could not drop shadow database ${name}: ${err.message}`));
}

/** Empties a user-provided shadow database, as the native engine does before using it. */
async function resetDatabase(config) {
  await withClient(config, async (c) => {
    const { rows } = await c.query(
      "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'",
    );
    for (const { nspname } of rows) await c.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
    await c.query('CREATE SCHEMA IF NOT EXISTS "public"');
  });
}

function shadowDbError(message) {
  const { DriverAdapterError } = adapterUtils;
  return new DriverAdapterError({ kind: "postgres", code: "N/A", severity: "ERROR", message });
}

/** The migration-aware adapter factory the wasm engine expects (before binding). */
function createPgFactory(datasource) {
  const { config, schema } = pgConfigFromUrl(datasource.url);
  const options = schema ? { schema } : undefined;

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",

    async connect() {
      const adapter = await new adapterPg.PrismaPg(config, options).connect();
      patchAdapterPrototypes(adapter);
      return trackAdapter(adapter);
    },

    // The adapter's own shadow-database helper drops the database while its pool is still
    // connected (so DROP fails and the database leaks) and never closes its admin pool (so
    // the process cannot exit). Do it in the right order ourselves.
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) {
        const shadow = pgConfigFromUrl(datasource.shadowDatabaseUrl);
        // The shadow database is wiped before use: never let that be the main database.
        if (
          shadow.config.host === config.host &&
          shadow.config.port === config.port &&
          shadow.config.database === config.database
        ) {
          throw shadowDbError(
            "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.",
          );
        }
        try {
          await resetDatabase(shadow.config);
        } catch (err) {
          const uf = userFacingFromPgError(err, shadow.config);
          throw shadowDbError(`Could not prepare the shadow database (shadowDatabaseUrl): ${uf?.message ?? err.message}`);
        }
        const adapter = await new adapterPg.PrismaPg(shadow.config, shadow.schema ? { schema: shadow.schema } : undefined).connect();
        patchAdapterPrototypes(adapter);
        return trackAdapter(adapter);
      }
      const name = `${SHADOW_PREFIX}${randomUUID()}`;
      try {
        await withClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      } catch (err) {
        throw shadowDbError(
          "Prisma Migrate could not create the shadow database. Please make sure the database user has permission " +
            "to create databases (CREATEDB), or set `datasource.shadowDatabaseUrl` in prisma.config.ts. " +
            `Read more at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${err.message}`,
        );
      }
      openShadowDbs.set(name, config);
      const adapter = await new adapterPg.PrismaPg({ ...config, database: name }, options).connect();
      patchAdapterPrototypes(adapter);
      return trackAdapter(adapter, () => dropShadowDatabase(name));
    },
  };
}

/**
 * Used when no datasource URL is configured (e.g. `migrate diff --from-empty --to-schema`
 * without DATABASE_URL). The engine probes the server once when it starts; answer that probe
 * and refuse anything else with a readable message.
 */
function createOfflineFactory() {
  const { ColumnTypeEnum, DriverAdapterError } = adapterUtils;
  const refuse = async () => {
    throw new DriverAdapterError({
      kind: "postgres",
      code: "N/A",
      severity: "ERROR",
      message: "This command needs a database, but no datasource URL is configured. Set DATABASE_URL (see prisma.config.ts).",
    });
  };
  const adapter = () => ({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async queryRaw(query) {
      if (/version\(\)/.test(query.sql) && /pg_namespace/.test(query.sql)) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, "PostgreSQL 16.0 (no database configured)", 160000]],
        };
      }
      return refuse();
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ schemaName: undefined, supportsRelationJoins: true }),
    dispose: async () => {},
  });
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => adapter(),
    connectToShadowDb: async () => adapter(),
  };
}

// ---------------------------------------------------------------------------------------------
// The wasm engine
// ---------------------------------------------------------------------------------------------

let lastPanicMessage = null;

async function loadWasmEngine() {
  // Read by the wasm panic hook; without it a Rust panic surfaces as "unreachable".
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message) {
      lastPanicMessage = message;
    },
  };
  const bg = await import(WASM_GLUE);
  const bytes = fs.readFileSync(path.join(path.dirname(WASM_GLUE), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  if (typeof instance.exports.__wbindgen_start === "function") instance.exports.__wbindgen_start();
  return bg;
}

function isPanic(err) {
  return err instanceof WebAssembly.RuntimeError || /unreachable|RuntimeError/.test(String(err?.name ?? ""));
}

/** Best-effort Prisma error code for wasm errors that lost theirs (the engine only keeps a message). */
function guessErrorCode(message) {
  const rules = [
    [/^Authentication failed against database server/, "P1000"],
    [/^Can't reach database server/, "P1001"],
    [/was reached but timed out/, "P1002"],
    [/^Database `[^`]*` does not exist/, "P1003"],
    [/^Database `[^`]*` already exists/, "P1009"],
    [/^User `[^`]*` was denied access/, "P1010"],
    [/^Error opening a TLS connection/, "P1011"],
    [/^Server has closed the connection/, "P1017"],
    [/Prisma Migrate could not create the shadow database/, "P3014"],
  ];
  for (const [re, code] of rules) if (re.test(message)) return code;
  return undefined;
}

/**
 * The wasm engine reports a failing migration script without the native P3018 wrapper; rebuild
 * it so `migrate deploy` / `migrate dev` print the familiar message.
 */
function migrationFailedError(err) {
  const raw = String(err?.message ?? "");
  const name = /apply_migration::apply_script\s+with migration_name="([^"]+)"/.exec(raw)?.[1];
  if (!name) return null;
  const dbError = stripSpanTrace(raw)
    .replace(/^external connector error\n/, "")
    .replace(/^Error querying the database: /, "");
  const sqlState = /\(SQLSTATE (\w{5})\)/.exec(dbError)?.[1];
  const message =
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
    "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n" +
    `Migration name: ${name}\n\n` +
    (sqlState ? `Database error code: ${sqlState}\n\n` : "") +
    `Database error:\n${dbError.replace(/ \(SQLSTATE \w{5}\)/, "")}\n`;
  return new UserFacingError("P3018", message);
}

/** Drops the engine's tracing span dump ("   0: some::module ... at file.rs:42") from a message. */
function stripSpanTrace(message) {
  return message.replace(/\n\s*0: [\w:]+[\s\S]*$/, "").trimEnd();
}

class RpcServer {
  constructor({ datamodelPaths, datasource }) {
    this.datamodelPaths = datamodelPaths;
    this.datasource = datasource;
    this.enginePromise = null;
    this.engine = null;
    this.boundFactory = null;
    this.queue = Promise.resolve(); // requests run one at a time: the engine is not re-entrant
    this.pendingPrints = new Map();
    this.nextPrintId = 1;
    this.current = null; // the request being handled, if any
  }

  send(message) {
    process.stdout.write(JSON.stringify(message) + "\n");
  }

  getEngine() {
    this.enginePromise ??= this.createEngine();
    return this.enginePromise;
  }

  async createEngine() {
    const bg = await loadWasmEngine();
    adapterPg = await import(require.resolve("@prisma/adapter-pg"));
    adapterUtils = await import(require.resolve("@prisma/driver-adapter-utils"));
    const factory = this.datasource.url ? createPgFactory(this.datasource) : createOfflineFactory();
    this.boundFactory = adapterUtils.bindMigrationAwareSqlAdapterFactory(factory);
    const datamodels = this.datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]);
    const onLog = (line) => process.stderr.write(String(line).replace(/\n+$/, "") + "\n");
    this.engine = await bg.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, onLog, this.boundFactory);
    return this.engine;
  }

  /** Engine -> CLI request: the CLI writes `content` to its stdout and replies `{}`. */
  print(content) {
    const id = this.nextPrintId++;
    return new Promise((resolve) => {
      this.pendingPrints.set(id, resolve);
      this.send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });
  }

  onLine(line) {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      this.send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined && message.id !== undefined && ("result" in message || "error" in message)) {
      // The CLI's reply to one of our `print` requests.
      this.pendingPrints.get(message.id)?.();
      this.pendingPrints.delete(message.id);
      return;
    }
    this.queue = this.queue.then(() => this.handle(message));
  }

  async handle({ id, method, params }) {
    this.current = { id };
    try {
      const result = await this.dispatch(method, params ?? {});
      if (id !== undefined) this.send({ jsonrpc: "2.0", id, result: result ?? null });
    } catch (err) {
      this.fail(id, err);
    } finally {
      this.current = null;
    }
  }

  /** Answers request `id` with an error; after a wasm panic nothing is safe, so exit (101, as native). */
  fail(id, err) {
    const panicked = isPanic(err);
    if (id !== undefined) this.send({ jsonrpc: "2.0", id, error: this.toRpcError(err, panicked) });
    if (panicked) void shutdown(101);
  }

  /**
   * Some wasm errors (e.g. malformed params) escape as uncaught exceptions instead of rejecting
   * the call. Answer the request in flight, log the error for the CLI, and stop.
   */
  onUncaught(err) {
    logLine("ERROR", String(err?.message ?? err));
    const current = this.current;
    this.current = null;
    if (current) this.fail(current.id, err);
    void shutdown(isPanic(err) ? 101 : 1);
  }

  async dispatch(method, params) {
    switch (method) {
      case "createDatabase":
        return this.createDatabase(params);
      case "getDatabaseVersion":
        // The CLI's params (a datasource) are ignored by the wasm engine, which rejects some shapes.
        return (await this.getEngine()).version();
      case "diff": {
        const engine = await this.getEngine();
        const result = await engine.diff({ ...params, filters: params.filters ?? EMPTY_FILTER });
        // The native engine prints the diff through the CLI rather than returning it.
        if (result.stdout) await this.print(result.stdout.replace(/\n+$/, ""));
        return { exitCode: result.exitCode, stdout: null };
      }
      case "evaluateDataLoss":
      case "createMigration": {
        // In the wasm engine these two read the schema of the migrations directory only from a
        // cache filled by diagnoseMigrationHistory/devDiagnostic, which cache the *applied*
        // migrations; with a new, just-applied migration the lookup misses and the engine fails
        // with "shadow DB must be provided through an external factory". `migrate dev` applies
        // every migration before these calls, so a diagnose now fills the cache; then retry.
        const engine = await this.getEngine();
        try {
          return await engine[method](params);
        } catch (err) {
          if (!/shadow DB must be provided through an external factory/.test(String(err?.message))) throw err;
          await engine.diagnoseMigrationHistory({
            migrationsList: params.migrationsList,
            optInToShadowDatabase: true,
            filters: params.filters ?? EMPTY_FILTER,
          });
          return await engine[method](params);
        }
      }
      case "applyMigrations": {
        const engine = await this.getEngine();
        try {
          return await engine.applyMigrations(params);
        } catch (err) {
          throw migrationFailedError(err) ?? err;
        }
      }
      case "dbExecute":
      case "debugPanic":
      case "devDiagnostic":
      case "diagnoseMigrationHistory":
      case "ensureConnectionValidity":
      case "introspect":
      case "introspectSql":
      case "markMigrationApplied":
      case "markMigrationRolledBack":
      case "reset":
      case "schemaPush": {
        const engine = await this.getEngine();
        return await engine[method](params);
      }
      default: {
        const err = new Error(`Method not found: ${method}`);
        err.rpcCode = -32601;
        throw err;
      }
    }
  }

  async createDatabase(params) {
    const url = params?.datasource?.url ?? this.datasource.url;
    if (!url) throw new UserFacingError("P1012", "createDatabase needs a connection string datasource.");
    const { config } = pgConfigFromUrl(url);
    try {
      await withMaintenanceClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(config.database)}`));
    } catch (err) {
      throw userFacingFromPgError(err, config) ?? err;
    }
    return { databaseName: config.database };
  }

  /** JSON-RPC error in the shape the CLI reads: `data.{is_panic, message, error_code}`. */
  toRpcError(err, panicked) {
    if (err?.rpcCode) return { code: err.rpcCode, message: err.message };
    if (panicked) {
      const message = lastPanicMessage ?? String(err?.message ?? err);
      return {
        code: 4466,
        message: "An error happened. Check the data field for details.",
        data: { is_panic: true, message, backtrace: err?.stack ?? null },
      };
    }
    let message = String(err?.message ?? err);
    // Errors thrown by JS code inside the adapter reach us only as "External error id#N";
    // recover their text from the adapter's error registry.
    message = message.replace(/External error id#(\d+)/g, (whole, n) => {
      const original = this.boundFactory?.errorRegistry?.consumeError(Number(n))?.error;
      return original ? String(original.message ?? original) : whole;
    });
    message = stripSpanTrace(message);
    const errorCode = typeof err?.code === "string" && /^P\d{4}$/.test(err.code) ? err.code : guessErrorCode(message);
    const data = { is_panic: false, message, meta: err?.meta ?? null };
    if (errorCode) data.error_code = errorCode;
    return { code: 4466, message: "An error happened. Check the data field for details.", data };
  }
}

// ---------------------------------------------------------------------------------------------
// Shutdown: close every pool and drop leftover shadow databases, then exit
// ---------------------------------------------------------------------------------------------

let shuttingDown = null;
function shutdown(code) {
  shuttingDown ??= (async () => {
    // Never linger: a hung connection must not keep the process alive.
    setTimeout(() => process.exit(code), 5000);
    for (const name of [...openShadowDbs.keys()]) await dropShadowDatabase(name);
    await Promise.all([...openPools].map((pool) => pool.end().catch(() => {})));
    openPools.clear();
    process.exit(code);
  })();
  return shuttingDown;
}

async function runRpc(args) {
  // stdout carries protocol messages only.
  for (const name of ["log", "info", "warn", "debug"]) console[name] = console.error;

  const datasource = parseDatasource(args.datasource);
  const server = new RpcServer({ datamodelPaths: args.datamodels, datasource });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  process.on("uncaughtException", (err) => server.onUncaught(err));
  process.on("unhandledRejection", (err) => server.onUncaught(err));
  rl.on("line", (line) => server.onLine(line));
  rl.on("close", async () => {
    // The CLI is done: finish what is running, then clean up.
    await Promise.race([server.queue, new Promise((r) => setTimeout(r, 4000))]);
    await shutdown(0);
  });
  process.on("SIGTERM", () => shutdown(0));
  process.on("SIGINT", () => shutdown(130));
  process.on("SIGHUP", () => shutdown(129));
  process.stdout.on("error", () => shutdown(0)); // CLI went away
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${ENGINE_HASH} (offline wasm stand-in)\n`);
    return;
  }
  if (args.help) {
    process.stdout.write(
      "Offline stand-in for Prisma's schema-engine (PostgreSQL).\n" +
        "  schema-engine.mjs --version\n" +
        "  schema-engine.mjs --datasource '<json>' cli can-connect-to-database|create-database|drop-database\n" +
        "  schema-engine.mjs [--datamodels <schema file>]... [--datasource '<json>']   (JSON-RPC on stdio)\n",
    );
    return;
  }
  if (args.cli !== null) {
    process.exitCode = await runCliCommand(args.cli, args.datasource);
    return;
  }
  await runRpc(args);
}

main().catch((err) => {
  logLine("ERROR", `schema-engine stand-in crashed: ${err?.stack ?? err}`);
  process.exit(1);
});
