import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";

/**
 * Checks the audit trail's hash chains (decision records 007 and 019). The database chains each
 * event as it is written (a trigger running as the owner); this rebuilds every hash from the stored
 * content, independently of the trigger's code, and finds the first event whose content changed, a
 * removed event (a gap in the chain), or a cut-off end (a chain shorter than its head).
 *
 * An agency's trail is up to AUDIT_STRANDS chains ("strands") so that its concurrent requests do not
 * queue on one head: the agency's id (its first strand, the only one before decision 019) and
 * "<agency id>#1" onwards. Events of no agency: "" and "#1" onwards.
 */
export const GENESIS_HASH = "0".repeat(64);
/** How many strands the chaining trigger keeps per agency (the `strands` constant of its migration). */
export const AUDIT_STRANDS = 8;
const BATCH = 5_000;

type Row = {
  id: string;
  chainKey: string;
  chainSeq: bigint;
  prevHash: string;
  hash: string;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string;
  detailsText: string | null;
};

export type ChainProblem =
  | { kind: "changed"; eventId: string; seq: bigint; message: string }
  | { kind: "removed"; afterEventId: string | null; seq: bigint; message: string }
  | { kind: "cut-off"; afterEventId: string | null; seq: bigint; message: string };

export type ChainReport = {
  chainKey: string;
  /** Events in the chain up to where it verifies (all of them when it does). */
  events: number;
  /** Of those, the events this check read: all of them from the start, the new ones from a checkpoint. */
  read: number;
  lastSeq: bigint;
  lastHash: string;
  problem: ChainProblem | null;
};

/** The hash the chaining trigger gives an event: SHA-256 of its fields, one a line (see the migration). */
export function eventHash(row: Omit<Row, "id" | "hash">): string {
  const content = [
    row.prevHash,
    row.chainKey,
    row.chainSeq.toString(),
    row.occurredAt.toISOString(),
    row.action,
    row.outcome,
    row.actorUserId ?? "",
    row.targetType ?? "",
    row.targetId ?? "",
    row.requestId,
    row.detailsText ?? "null",
  ].join("\n");
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/** Where a chain's last check ended: its last event's place and hash (decision 024). */
export type ChainPosition = { seq: bigint; hash: string };

/**
 * Verifies one chain (an agency's strand, or "" for events of no agency), reading it in batches:
 * from its start, or from `from`, where an earlier check ended. Then the event there must still
 * carry the hash that check saw, and only the events after it are read. `heads`: the chains' heads
 * when the caller has read them already, one statement for many chains (the callers read both in
 * one REPEATABLE READ transaction, so the heads and the events are of the same moment).
 */
export async function verifyAuditChain(tx: Tx, chainKey: string, from: ChainPosition | null = null, heads?: ReadonlyMap<string, ChainPosition>): Promise<ChainReport> {
  let expectedSeq = 1n;
  let previous: { id: string | null; hash: string } = { id: null, hash: GENESIS_HASH };
  let events = 0;
  let problem: ChainProblem | null = null;
  let after = 0n;
  let read = 0;
  if (from && from.seq > 0n) {
    const [there] = await tx.$queryRaw<{ id: string; hash: string }[]>`
      SELECT "id"::text AS "id", "hash" FROM "AuditEvent" WHERE "chainKey" = ${chainKey} AND "chainSeq" = ${from.seq}`;
    if (!there) {
      problem = { kind: "removed", afterEventId: null, seq: from.seq, message: `Event ${from.seq} of the chain, where the last check ended, is missing: it was removed after that check.` };
    } else if (there.hash !== from.hash) {
      problem = { kind: "changed", eventId: there.id, seq: from.seq, message: `Event ${there.id} (number ${from.seq} of the chain) no longer has the hash the last check saw: the trail was changed up to it.` };
    } else {
      expectedSeq = from.seq + 1n;
      previous = { id: there.id, hash: there.hash };
      events = Number(from.seq);
      after = from.seq;
    }
  }
  while (!problem) {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "id"::text AS "id", "chainKey", "chainSeq", "prevHash", "hash", "occurredAt", "action", "outcome"::text AS "outcome",
             "actorUserId"::text AS "actorUserId", "targetType", "targetId", "requestId", "details"::text AS "detailsText"
      FROM "AuditEvent" WHERE "chainKey" = ${chainKey} AND "chainSeq" > ${after}
      ORDER BY "chainSeq" LIMIT ${BATCH}`;
    for (const row of rows) {
      if (row.chainSeq !== expectedSeq) {
        problem = { kind: "removed", afterEventId: previous.id, seq: expectedSeq, message: `Event ${expectedSeq} of the chain is missing: it was removed after event ${previous.id ?? "(the start)"}.` };
        break;
      }
      if (row.prevHash !== previous.hash || eventHash(row) !== row.hash) {
        problem = { kind: "changed", eventId: row.id, seq: row.chainSeq, message: `Event ${row.id} (number ${row.chainSeq} of the chain) does not match its hash: it was changed after it was written.` };
        break;
      }
      previous = { id: row.id, hash: row.hash };
      expectedSeq++;
      events++;
      read++;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.chainSeq;
  }
  const lastSeq = expectedSeq - 1n;
  if (!problem) {
    const expected = (heads ?? (await chainHeads(tx, [chainKey]))).get(chainKey) ?? { seq: 0n, hash: GENESIS_HASH };
    if (expected.seq !== lastSeq || expected.hash !== previous.hash) {
      problem = {
        kind: "cut-off",
        afterEventId: previous.id,
        seq: lastSeq,
        message: `The chain ends at event ${lastSeq} but was written up to event ${expected.seq}: the events after ${previous.id ?? "the start"} were removed.`,
      };
    }
  }
  return { chainKey, events, read, lastSeq, lastHash: previous.hash, problem };
}

/** The heads of these chains (a chain without one has none in the map). */
async function chainHeads(tx: Tx, chainKeys: string[]): Promise<Map<string, ChainPosition>> {
  // Read through the owner's function: the application's role has no right on the heads themselves.
  const rows = await tx.$queryRaw<{ chainKey: string; seq: bigint; hash: string }[]>`
    SELECT "chainKey", "seq", "hash" FROM "audit_chain_heads"() WHERE "chainKey" = ANY(${chainKeys}::text[])`;
  return new Map(rows.map((row) => [row.chainKey, { seq: row.seq, hash: row.hash }]));
}

export type TrailReport = {
  /** The agency's id, or "" for events of no agency. */
  agencyKey: string;
  strands: ChainReport[];
  events: number;
  /** One hash over every strand's end: written down or sent elsewhere, it pins the trail as it is now. */
  anchor: string;
  /** The first problem of any strand. */
  problem: ChainProblem | null;
};

/** The strand keys an agency's trail can have. */
export function strandKeys(agencyKey: string): string[] {
  return Array.from({ length: AUDIT_STRANDS }, (_, n) => (n === 0 ? agencyKey : `${agencyKey}#${n}`));
}

/** The agency a strand belongs to ("" for events of no agency), and its number (0 for the first). */
export function strandOf(chainKey: string): { agencyKey: string; strand: number } {
  const mark = chainKey.indexOf("#");
  return mark === -1 ? { agencyKey: chainKey, strand: 0 } : { agencyKey: chainKey.slice(0, mark), strand: Number(chainKey.slice(mark + 1)) };
}

/**
 * The anchor over a trail's strands: SHA-256 over each non-empty strand's key, last place and last
 * hash, one a line, in the order of the keys. Any change to an event up to those places changes it.
 */
export function trailAnchor(strands: Pick<ChainReport, "chainKey" | "lastSeq" | "lastHash">[]): string {
  const lines = strands
    .filter((s) => s.lastSeq > 0n)
    .map((s) => `${s.chainKey} ${s.lastSeq} ${s.lastHash}`)
    .sort();
  return createHash("sha256").update(lines.join("\n"), "utf8").digest("hex");
}

/** Verifies every strand of one agency's trail (or of the events of no agency, for ""), each from its start or from where `from` says its last check ended. */
export async function verifyAuditTrail(tx: Tx, agencyKey: string, from: ReadonlyMap<string, ChainPosition> = new Map()): Promise<TrailReport> {
  const strands: ChainReport[] = [];
  // Every key a strand can have, so that a strand whose head was removed is still read.
  const keys = strandKeys(agencyKey);
  const heads = await chainHeads(tx, keys);
  for (const key of keys) {
    const report = await verifyAuditChain(tx, key, from.get(key) ?? null, heads);
    if (report.events > 0 || report.problem) strands.push(report);
  }
  return {
    agencyKey,
    strands,
    events: strands.reduce((sum, s) => sum + s.events, 0),
    anchor: trailAnchor(strands),
    problem: strands.find((s) => s.problem)?.problem ?? null,
  };
}

/** Every chain there is: each agency's, the one for events of no agency, and any head left without events. */
export async function verifyAllAuditChains(tx: Tx): Promise<ChainReport[]> {
  const keys = await tx.$queryRaw<{ chainKey: string }[]>(
    Prisma.sql`SELECT "chainKey" FROM "audit_chain_heads"() UNION SELECT DISTINCT "chainKey" FROM "AuditEvent" ORDER BY 1`,
  );
  const heads = await chainHeads(tx, keys.map((k) => k.chainKey));
  const reports: ChainReport[] = [];
  for (const { chainKey } of keys) reports.push(await verifyAuditChain(tx, chainKey, null, heads));
  return reports;
}
