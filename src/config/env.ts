/**
 * The only module that reads `process.env`. Everything else asks it for a validated value, so a
 * missing or malformed variable is reported once, at start-up, by name.
 * (No "server-only" marker: the start-up script imports it outside Next.js. Client code must not.)
 */
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "" && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, "must look like postgresql://user:password@host:5432/database");

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "1" || value === "true" || value === "yes");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  // The owner of the tables, for migrations and the application role's rights; DATABASE_URL is then
  // the application's own, less powerful role (docs/decisions/009-durability-and-database-roles.md).
  DATABASE_MIGRATION_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  NEXTAUTH_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  NEXTAUTH_URL: z.preprocess(emptyAsUndefined, z.url({ message: "must be the app's public URL, e.g. https://homeward.example.org" }).optional()),
  HOST: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:-]+$/, "must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0")
      .optional(),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000)),
  // How many proxies in front of the app add themselves to X-Forwarded-For; 0: the client is the peer (decision 008).
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.coerce.number({ message: "must be the number of proxies in front of the app, e.g. 1" }).int().min(0).max(10).default(0)),
  HOMEWARD_DEMO: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
  DEMO_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(12, "must be at least 12 characters").default("homeward-demo-2026")),
  HOMEWARD_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  // E-mail: smtp://user:pass@host:587 (STARTTLS required) or smtps://…:465; TLS may be skipped only to
  // localhost. Unset: no e-mail is sent and links are shown to the admin instead.
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: "must look like smtp://user:password@mail.example.org:587" })
      .refine((value) => /^smtps?:$/.test(new URL(value).protocol), "must start with smtp:// or smtps://")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().trim().min(3).default("Homeward <no-reply@homeward.invalid>")),
  // Backups (docs/decisions/020-backups.md): the key that encrypts them, kept apart from them (a base64
  // or hex string of 32 bytes, or a file holding one; default ~/.config/homeward/backup.key, made on
  // first use), where they go, and a command run with each new backup's path to copy it off the machine.
  HOMEWARD_BACKUP_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  HOMEWARD_BACKUP_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  HOMEWARD_BACKUP_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  HOMEWARD_BACKUP_COPY_COMMAND: z.preprocess(emptyAsUndefined, z.string().optional()),
  // When the nightly backup runs (cron, in the machine's time zone; embedded PostgreSQL only), or "off".
  HOMEWARD_BACKUP_SCHEDULE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .regex(/^(off|\S+( \S+){4})$/, "must be a cron schedule of five fields (e.g. 30 2 * * *) or off")
      .default("30 2 * * *"),
  ),
  // Set by `npm start` for the app it serves: whether it takes the nightly backup (the admin's pages
  // then warn when none is recent).
  HOMEWARD_NIGHTLY_BACKUP: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).default("off")),
  // npm start's first wait before starting again what died (doubled at each failure, up to 30 s).
  HOMEWARD_RESTART_DELAY_MS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: "must be a number of milliseconds" }).int().min(0).max(60_000).default(500)),
  // How often the app checks that its database is reachable (a page is answered 503 while it is not).
  HOMEWARD_DATABASE_CHECK_MS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: "must be a number of milliseconds" }).int().min(50).max(60_000).default(1000)),
  // The job queue's worker (e-mail delivery, deactivating unused accounts) runs in every app
  // instance; `off` only for a process that must not take jobs (docs/decisions/010-job-queue-and-email.md).
  HOMEWARD_JOBS: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { message: "must be on or off" }).default("on")),
  // Set by Next.js itself: no worker starts while `next build` loads the app.
  NEXT_PHASE: z.preprocess(emptyAsUndefined, z.string().optional()),
  // Test tooling only.
  CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().optional()),
  E2E_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  TEST_PG_SERVER_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  TEST_APP_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  // How many integration test files run at once, each worker on a database of its own.
  INTEGRATION_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number({ message: "must be a number of workers, e.g. 2" }).int().min(1).max(8).default(2)),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Server and database of a PostgreSQL URL, without who signs in. */
function databaseOf(value: string): string {
  const url = new URL(value);
  return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
}

/** Parses an environment; `requireRuntime` adds what the running app cannot do without. */
export function parseEnv(source: Record<string, string | undefined>, options: { requireRuntime?: boolean } = {}): Env {
  const result = EnvSchema.safeParse(source);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join(".")} ${issue.message}`);
    }
    throw new EnvError(problems);
  }
  const env = result.data;
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    problems.push("DATABASE_MIGRATION_URL is set without DATABASE_URL: set DATABASE_URL to the application's own role, or remove DATABASE_MIGRATION_URL");
  } else if (env.DATABASE_MIGRATION_URL && env.DATABASE_URL && databaseOf(env.DATABASE_MIGRATION_URL) !== databaseOf(env.DATABASE_URL)) {
    problems.push("DATABASE_MIGRATION_URL must name the same server and database as DATABASE_URL (only the user and password differ)");
  }
  if (options.requireRuntime) {
    if (!env.DATABASE_URL) problems.push("DATABASE_URL is missing: set it to your PostgreSQL URL, or use `npm start`, which provides one");
    if (!env.NEXTAUTH_SECRET && env.NODE_ENV === "production") {
      problems.push("NEXTAUTH_SECRET is missing: set it to a random string of 32+ characters (openssl rand -base64 32)");
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

let cached: Env | undefined;

/** The validated environment of the running app (read once). */
export function env(): Env {
  cached ??= parseEnv(process.env, { requireRuntime: true });
  return cached;
}

/** For the start-up script and tests, which may run before DATABASE_URL exists. */
export function launcherEnv(): Env {
  return parseEnv(process.env);
}

/** Whether the app is served over HTTPS (HSTS, secure cookies). */
export function servedOverHttps(value: Env): boolean {
  return value.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/**
 * The app's public origin: where the links it sends lead, and the only origin it takes writes from.
 * The launcher always sets NEXTAUTH_URL; run without it (tests, a bare `next dev`) the app is here.
 */
export function publicOrigin(): string {
  const { NEXTAUTH_URL, PORT } = env();
  return new URL(NEXTAUTH_URL ?? `http://localhost:${PORT}`).origin;
}
