/**
 * A physical backup of a whole PostgreSQL cluster through its own machinery: `BASE_BACKUP` over a
 * replication connection (what pg_basebackup does), with the WAL needed to make it consistent and
 * a manifest, driven by node-postgres since the embedded package ships no pg_basebackup. The stream
 * is kept as frames (a type byte, a 4-byte length, the bytes): `n` starts an archive (its name),
 * `d` is data of the archive or manifest in hand, `m` starts the manifest. A restore unpacks the
 * `base.tar` archive into an empty folder: PostgreSQL then starts from it by its crash recovery,
 * replaying the WAL the backup holds.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { once } from "node:events";
import pg from "pg";
import * as tar from "tar";
import { LaunchError } from "./launch-error";

/** Where an archive's bytes go: tar's extractor, or the manifest's file. */
type Sink = { write(chunk: Buffer): boolean; end(): unknown } & NodeJS.EventEmitter;
type Connection = { query(text: string): void; stream: { pause(): void; resume(): void } };
type Message = { fields: { name: string }[] } | { fields: (string | null)[] } | { chunk: Buffer } | Error;

/** One frame of the kept stream. */
function frame(type: "n" | "d" | "m", payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/**
 * Takes a base backup of the server at `serverUrl` (a user with the REPLICATION right) into `into`.
 * Resolves with the WAL positions it spans. The server's checkpoint is made at once (`fast`).
 */
export async function takeBaseBackup(serverUrl: string, into: Writable, label: string): Promise<{ start: string; end: string }> {
  const client = new pg.Client({ connectionString: serverUrl, replication: "true" } as pg.ClientConfig & { replication: string });
  await client.connect();
  const positions: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed: Error | undefined;
      let connection: Connection | undefined;
      let paused = false;
      // Back-pressure: stop reading from the server while the file cannot keep up.
      const write = (chunk: Buffer) => {
        if (!into.write(chunk) && connection && !paused) {
          const reading = connection;
          paused = true;
          reading.stream.pause();
          into.once("drain", () => {
            paused = false;
            reading.stream.resume();
          });
        }
      };
      const query = {
        text: `BASE_BACKUP (LABEL '${label.replace(/'/g, "")}', WAL true, MANIFEST 'yes', CHECKPOINT 'fast', WAIT true)`,
        submit(c: Connection) {
          connection = c;
          c.query(this.text);
        },
        handleRowDescription() {},
        handleDataRow(message: Message) {
          const fields = (message as { fields: (string | Buffer | null)[] }).fields;
          // The first and last result sets are WAL positions (recptr, tli); the middle one lists tablespaces.
          const first = fields[0];
          if (typeof first === "string" && /^[0-9A-F]+\/[0-9A-F]+$/.test(first)) positions.push(first);
          else if (first && Buffer.isBuffer(first) && /^[0-9A-F]+\/[0-9A-F]+$/.test(first.toString())) positions.push(first.toString());
          else if (fields[0] !== null) failed ??= new LaunchError("The database has tablespaces of its own; a backup of those is not supported.");
        },
        handleCommandComplete() {},
        handleCopyInResponse() {},
        handleEmptyQuery() {},
        handlePortalSuspended() {},
        handleCopyData(message: { chunk: Buffer }) {
          const chunk = message.chunk;
          const type = String.fromCharCode(chunk[0]!);
          if (type === "n") {
            const name = chunk.subarray(1, chunk.indexOf(0, 1)).toString("utf8");
            write(frame("n", Buffer.from(name, "utf8")));
          } else if (type === "d") write(frame("d", chunk.subarray(1)));
          else if (type === "m") write(frame("m", Buffer.alloc(0)));
          // "p" is progress: not kept.
        },
        handleError(error: Error) {
          failed ??= error;
        },
        handleReadyForQuery() {
          if (failed) reject(failed);
          else resolve();
        },
      };
      client.query(query as unknown as pg.QueryConfig);
    });
  } finally {
    await client.end().catch(() => undefined);
  }
  if (positions.length < 2) throw new LaunchError("PostgreSQL ended the base backup without saying where it ended.");
  return { start: positions[0]!, end: positions.at(-1)! };
}

/**
 * Unpacks a kept base backup stream into `folder` (which must be new or empty): `base.tar` becomes
 * the data folder, the manifest `backup_manifest` beside its files.
 */
export async function unpackBaseBackup(from: Readable, folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let pending: Buffer = Buffer.alloc(0);
  let target: Sink | undefined;
  let targetDone: Promise<unknown> = Promise.resolve();
  let archives = 0;
  const finishTarget = async () => {
    if (!target) return;
    target.end();
    await targetDone;
    target = undefined;
  };
  const open = async (next: Sink, done: Promise<unknown>) => {
    await finishTarget();
    target = next;
    targetDone = done;
  };
  for await (const chunk of from) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    while (pending.length >= 5) {
      const length = pending.readUInt32BE(1);
      if (pending.length < 5 + length) break;
      const type = String.fromCharCode(pending[0]!);
      const payload = pending.subarray(5, 5 + length);
      pending = pending.subarray(5 + length);
      if (type === "n") {
        const name = payload.toString("utf8");
        if (name !== "base.tar") throw new LaunchError(`The backup holds an archive Homeward cannot restore (${name}).`);
        archives++;
        const extract = tar.x({ cwd: folder, strict: true, preserveOwner: false }) as unknown as Sink;
        await open(extract, once(extract, "finish"));
      } else if (type === "m") {
        const manifest: WriteStream = createWriteStream(path.join(folder, "backup_manifest"), { mode: 0o600 });
        await open(manifest, once(manifest, "close"));
      } else if (type === "d") {
        if (!target) throw new LaunchError("The backup is damaged: data before any archive.");
        if (!target.write(payload)) await once(target, "drain");
      } else throw new LaunchError("The backup is damaged: an unknown part.");
    }
  }
  await finishTarget();
  if (pending.length) throw new LaunchError("The backup is cut short.");
  if (archives !== 1) throw new LaunchError("The backup holds no data folder.");
}
