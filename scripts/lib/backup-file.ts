/**
 * A backup file (docs/decisions/020-backups.md): two lines of header in the clear (what it is, when
 * it was taken, which PostgreSQL, which key), then the backup itself, gzipped and encrypted with
 * AES-256-GCM under the backup key. The header is authenticated with the content (GCM's additional
 * data), so neither can be changed without the restore noticing. The header holds no personal data.
 *
 *   HOMEWARD-BACKUP 1\n
 *   {"takenAt":"…","format":"base-backup","postgresMajor":18,"keyId":"…"}\n
 *   12-byte IV · ciphertext · 16-byte tag
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { Writable, type Readable } from "node:stream";
import { z } from "zod";
import { LaunchError } from "./launch-error";

const MAGIC = "HOMEWARD-BACKUP 1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const BackupHeader = z.object({
  takenAt: z.iso.datetime().transform((value) => new Date(value)),
  /** `base-backup`: PostgreSQL's BASE_BACKUP stream (embedded); `pg-dump`: pg_dump's custom format (DATABASE_URL). */
  format: z.enum(["base-backup", "pg-dump"]),
  postgresMajor: z.number().int().positive(),
  /** The first 16 hex digits of SHA-256 over the key: says which key a backup needs, reveals nothing of it. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** `nightly` (kept by the retention rule) or `manual` (kept until removed by hand). */
  kind: z.enum(["nightly", "manual"]),
});
export type BackupHeader = z.output<typeof BackupHeader>;

export type BackupKey = { key: Buffer; id: string; source: string };

function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function parseKey(text: string, source: string): BackupKey {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new LaunchError(`The backup key in ${source} is not 32 bytes written in base64 or hex (openssl rand -base64 32 makes one).`);
  return { key, id: keyIdOf(key), source };
}

export const DEFAULT_KEY_FILE = path.join(os.homedir(), ".config", "homeward", "backup.key");

/**
 * The backup key: HOMEWARD_BACKUP_KEY, else the file HOMEWARD_BACKUP_KEY_FILE, else the default key
 * file, made (mode 0600) when `create` is set and there is none. A key file inside the data folder is
 * refused: a key kept with the backups protects nothing.
 */
export function loadBackupKey(options: { key?: string; keyFile?: string; keptApartFrom: string[]; create: boolean; say?: (line: string) => void }): BackupKey {
  if (options.key) return parseKey(options.key, "HOMEWARD_BACKUP_KEY");
  const file = path.resolve(options.keyFile ?? DEFAULT_KEY_FILE);
  for (const folder of options.keptApartFrom) {
    if (file.startsWith(path.resolve(folder) + path.sep)) {
      throw new LaunchError(`The backup key file ${file} is inside ${folder}, with the data and the backups: keep it elsewhere (HOMEWARD_BACKUP_KEY_FILE).`);
    }
  }
  if (!existsSync(file)) {
    if (!options.create) throw new LaunchError(`There is no backup key at ${file}: set HOMEWARD_BACKUP_KEY or HOMEWARD_BACKUP_KEY_FILE to the key the backup was made with.`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    options.say?.(`made a new backup key in ${file}: keep a copy of it somewhere apart from the backups; without it they cannot be read.`);
  }
  return parseKey(readFileSync(file, "utf8"), file);
}

/**
 * Writes a backup to `file`: `produce` writes the plain backup into the stream it is given (which
 * compresses and encrypts it); the tag is added at the end. Nothing of the plain backup touches the disk.
 */
export async function writeBackupFile(file: string, key: BackupKey, header: Omit<BackupHeader, "keyId">, produce: (into: Writable) => Promise<void>): Promise<void> {
  const fields = { ...header, takenAt: header.takenAt.toISOString(), keyId: key.id };
  BackupHeader.parse(fields);
  const headerText = `${MAGIC}\n${JSON.stringify(fields)}\n`;
  const iv = randomBytes(IV_BYTES);
  writeFileSync(file, Buffer.concat([Buffer.from(headerText, "utf8"), iv]), { mode: 0o600 });
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(headerText, "utf8"));
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, cipher, createWriteStream(file, { flags: "a" }));
  try {
    await produce(gzip);
    gzip.end();
    await written;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    throw error;
  }
  appendFileSync(file, cipher.getAuthTag());
}

/** The clear header of a backup file, without its key. */
export function readBackupHeader(file: string): { header: BackupHeader; headerBytes: number } {
  if (!existsSync(file)) throw new LaunchError(`There is no backup at ${file}.`);
  const fd = openSync(file, "r");
  const start = Buffer.alloc(4096);
  const length = readSync(fd, start, 0, start.length, 0);
  closeSync(fd);
  const text = start.subarray(0, length).toString("latin1");
  const first = text.indexOf("\n");
  const second = text.indexOf("\n", first + 1);
  if (text.slice(0, first) !== MAGIC || second === -1) throw new LaunchError(`${file} is not a Homeward backup.`);
  const parsed = BackupHeader.safeParse((() => {
    try {
      return JSON.parse(Buffer.from(text.slice(first + 1, second), "latin1").toString("utf8"));
    } catch {
      return null;
    }
  })());
  if (!parsed.success) throw new LaunchError(`${file} is not a Homeward backup (its header cannot be read).`);
  return { header: parsed.data, headerBytes: second + 1 };
}

/**
 * Reads a backup: decrypts and decompresses it into `consume`. GCM authenticates only at the end, so
 * the caller must treat what it was given as unchecked until this resolves (restores write it to a
 * staging folder and use it only then); a wrong key or a changed byte rejects.
 */
export async function readBackupFile(file: string, key: BackupKey, consume: (from: Readable) => Promise<void>): Promise<BackupHeader> {
  const { header, headerBytes } = readBackupHeader(file);
  if (header.keyId !== key.id) {
    throw new LaunchError(`This backup was made with another key (key ${header.keyId}; the key given is ${key.id}, from ${key.source}). Give the key it was made with.`);
  }
  const size = statSync(file).size;
  if (size < headerBytes + IV_BYTES + TAG_BYTES) throw new LaunchError(`${file} is cut short: it is not a whole backup.`);
  const fd = openSync(file, "r");
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  readSync(fd, iv, 0, IV_BYTES, headerBytes);
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  const headerText = Buffer.alloc(headerBytes);
  readSync(fd, headerText, 0, headerBytes, 0);
  closeSync(fd);
  const body = { start: headerBytes + IV_BYTES, end: size - TAG_BYTES - 1 };
  const decipherer = () => {
    const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
    decipher.setAAD(headerText);
    decipher.setAuthTag(tag);
    return decipher;
  };
  const damaged = () => new LaunchError(`${file} does not match its key: it was changed or damaged after it was written.`);
  // First the whole file is checked against its tag, and only then read: GCM authenticates at the
  // end, and what a damaged file yields before that must never reach an unpacker.
  try {
    await pipeline(createReadStream(file, body), decipherer(), new Writable({ write: (_chunk, _encoding, done) => done() }));
  } catch {
    throw damaged();
  }
  const gunzip = createGunzip();
  try {
    await Promise.all([pipeline(createReadStream(file, body), decipherer(), gunzip), consume(gunzip)]);
  } catch (error) {
    if (error instanceof Error && /unable to authenticate|unsupported state|incorrect header check|unexpected end/i.test(error.message)) throw damaged();
    throw error;
  }
  return header;
}
