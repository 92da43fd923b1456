import { beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { db, inOneSnapshot } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { AUDIT_STRANDS, GENESIS_HASH, strandKeys, strandOf, trailAnchor, verifyAllAuditChains, verifyAuditChain, verifyAuditTrail } from "@/server/audit/audit-chain";
import { checkAuditChain } from "@/server/audit/check-audit-chain";
import { checkAllChainsFromStart } from "@/server/audit/audit-checkpoints";
import { verifyAuditTrailsJob } from "@/server/jobs/handlers/verify-audit-trails";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

let agencyId: string;
let otherId: string;

beforeEach(async () => {
  await resetDatabase();
  agencyId = (await makeAgency("Demo County")).id;
  otherId = (await makeAgency("Neighbor County")).id;
});

const write = (agency: string | null, count: number) =>
  db().$transaction(async (tx) => {
    for (let i = 0; i < count; i++) await audit(tx, { requestId: requestId(), userId: null, agencyId: agency }, "users.listed", { details: { count: i } });
  });
const verify = (key: string) => db().$transaction((tx) => verifyAuditChain(tx, key));
/** The strand one transaction's events went to (one connection writing alone keeps to one strand). */
const strandOfOnly = async (agency: string | null) => {
  const keys = await db().auditEvent.findMany({ where: { agencyId: agency }, distinct: ["chainKey"], select: { chainKey: true } });
  expect(keys).toHaveLength(1);
  return keys[0]!.chainKey;
};
const idsOf = async (key: string) => (await db().auditEvent.findMany({ where: { chainKey: key }, orderBy: { chainSeq: "asc" }, select: { id: true } })).map((e) => e.id);

/** `count` connections of their own, outside the application's pool, each its own server process. */
const connections = (count: number) =>
  Promise.all(Array.from({ length: count }, async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return client;
  }));

/** What only the owner can do (the application's role cannot): change the trail behind the trigger's back. */
async function asOwner(sql: string) {
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
  });
}

describe("the audit trail's hash chains", () => {
  it("chain every event to the one before it, per agency, and verify", async () => {
    await write(agencyId, 3);
    await write(otherId, 2);
    await write(null, 1);
    const key = await strandOfOnly(agencyId);
    expect(strandKeys(agencyId)).toContain(key);
    const events = await db().auditEvent.findMany({ where: { chainKey: key }, orderBy: { chainSeq: "asc" } });
    expect(events.map((e) => e.chainSeq)).toEqual([1n, 2n, 3n]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    const reports = await db().$transaction((tx) => verifyAllAuditChains(tx));
    expect(reports.map((r) => [strandOf(r.chainKey).agencyKey, r.events, r.problem])).toEqual(
      [["", 1, null], [agencyId, 3, null], [otherId, 2, null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(reports.find((r) => r.chainKey === key)!.lastHash).toBe(events[2]!.hash);
  });

  it("keeps one chain whole when many requests of one agency write at once", async () => {
    await Promise.all(Array.from({ length: 12 }, () => write(agencyId, 2)));
    const report = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(report.problem).toBeNull();
    expect(report.events).toBe(24);
  });

  it("chains requests that write at the same time in separate strands, so that neither waits for the other", async () => {
    // Two transactions of one agency hold their audit write open at once: with one chain the
    // second would wait for the first's COMMIT (and this test would time out).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const firstWrote = new Promise<void>((resolve) => (wrote = resolve));
    const first = db().$transaction(async (tx) => {
      await audit(tx, { requestId: requestId(), userId: null, agencyId }, "users.listed", { details: { count: 1 } });
      wrote();
      await held;
    });
    await firstWrote;
    try {
      await db().$transaction(
        async (tx) => {
          await audit(tx, { requestId: requestId(), userId: null, agencyId }, "users.listed", { details: { count: 2 } });
        },
        { timeout: 3_000 },
      );
    } finally {
      release();
      await first;
    }
    const trail = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(trail.problem).toBeNull();
    expect(trail.strands).toHaveLength(2);
    expect(trail.strands.every((strand) => strand.chainKey === agencyId || strand.chainKey.startsWith(`${agencyId}#`))).toBe(true);
    expect(trail.events).toBe(2);
  });

  it("opens a strand without waiting for a transaction that is opening or holding the one this connection prefers", async () => {
    // Connections prefer a strand by their server process's id. Of 2 × AUDIT_STRANDS + 1 connections,
    // three share a preference; each writes an event in a transaction left open.
    const clients = await Promise.all((await connections(2 * AUDIT_STRANDS + 1)).map(async (client) => {
      const [row] = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
      return { client, preference: row!.pid % AUDIT_STRANDS };
    }));
    try {
      const byPreference = new Map<number, pg.Client[]>();
      for (const { client, preference } of clients) byPreference.set(preference, [...(byPreference.get(preference) ?? []), client]);
      const [first, second, third] = [...byPreference.values()].find((group) => group.length >= 3)!;
      const writeHeld = async (client: pg.Client) => {
        await client.query("BEGIN");
        // Waiting on another transaction fails this write instead of hanging the test.
        await client.query("SET LOCAL lock_timeout = '2s'");
        await client.query(`INSERT INTO "AuditEvent" ("action", "outcome", "agencyId", "requestId") VALUES ('users.listed', 'SUCCESS', $1, $2)`, [agencyId, requestId()]);
      };
      // The agency's first events: the second opens a strand while the first is opening the one both prefer.
      await writeHeld(first!);
      await writeHeld(second!);
      await Promise.all([first!.query("COMMIT"), second!.query("COMMIT")]);
      // Both strands exist and are held: the third opens another rather than wait for either.
      await writeHeld(first!);
      await writeHeld(second!);
      await writeHeld(third!);
      await Promise.all([first!, second!, third!].map((client) => client.query("COMMIT")));
    } finally {
      await Promise.all(clients.map(({ client }) => client.end()));
    }
    const trail = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(trail.problem).toBeNull();
    expect(trail.events).toBe(5);
    expect(trail.strands).toHaveLength(3);
  });

  it("runs an audited read in one snapshot again when other requests of its agency move every strand after the snapshot", async () => {
    // One connection per strand, each writing an event in a transaction held open until all have
    // written, so that each moves (or opens) a strand of its own.
    const clients = await connections(AUDIT_STRANDS);
    const moveEveryStrand = async () => {
      for (const client of clients) {
        await client.query("BEGIN");
        await client.query(`INSERT INTO "AuditEvent" ("action", "outcome", "agencyId", "requestId") VALUES ('users.listed', 'SUCCESS', $1, $2)`, [agencyId, requestId()]);
      }
      await Promise.all(clients.map((client) => client.query("COMMIT")));
    };
    let attempts = 0;
    try {
      await moveEveryStrand();
      await inOneSnapshot(
        async (tx) => {
          attempts += 1;
          // The snapshot: what the report reads. Then every strand moves before its audit write.
          await tx.auditEvent.count({ where: { agencyId } });
          if (attempts === 1) await moveEveryStrand();
          await audit(tx, { requestId: requestId(), userId: null, agencyId }, "users.listed", { details: { count: attempts } });
        },
        { timeout: 10_000 },
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    expect(attempts).toBe(2);
    const trail = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(trail.problem).toBeNull();
    expect(trail.strands).toHaveLength(AUDIT_STRANDS);
    expect(trail.events).toBe(2 * AUDIT_STRANDS + 1);
  });

  it("never opens more than its strands, and every strand verifies, under many writers at once", async () => {
    await Promise.all(Array.from({ length: 3 * AUDIT_STRANDS }, () => write(agencyId, 3)));
    const trail = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(trail.problem).toBeNull();
    expect(trail.events).toBe(9 * AUDIT_STRANDS);
    const keys = (await db().auditEvent.findMany({ where: { agencyId }, distinct: ["chainKey"], select: { chainKey: true } })).map((e) => e.chainKey);
    expect(keys.every((key) => strandKeys(agencyId).includes(key))).toBe(true);
  });

  it("gives an anchor that changes with any strand's end", async () => {
    await Promise.all(Array.from({ length: 4 }, () => write(agencyId, 2)));
    const before = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(before.anchor).toBe(trailAnchor(before.strands));
    await write(agencyId, 1);
    const after = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(after.anchor).not.toBe(before.anchor);
    expect(after.anchor).toMatch(/^[0-9a-f]{64}$/);
  });

  it("finds a change in any strand of the agency's trail, and names it", async () => {
    await Promise.all(Array.from({ length: 6 }, () => write(agencyId, 2)));
    const strands = (await db().$transaction((tx) => verifyAuditTrail(tx, agencyId))).strands;
    const last = strands.at(-1)!;
    const [victim] = await idsOf(last.chainKey);
    await asOwner(`UPDATE "AuditEvent" SET "details" = '{"count": 99}' WHERE "id" = ${victim}`);
    const trail = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(trail.problem).toMatchObject({ kind: "changed", eventId: String(victim) });
    // Removing a whole strand's events is a cut-off end of that strand.
    await asOwner(`DELETE FROM "AuditEvent" WHERE "chainKey" = '${last.chainKey}'`);
    const cut = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(cut.problem).toMatchObject({ kind: "cut-off", seq: 0n });
  });

  it("names the first event whose content was changed", async () => {
    await write(agencyId, 4);
    const key = await strandOfOnly(agencyId);
    const [, second] = await idsOf(key);
    await asOwner(`UPDATE "AuditEvent" SET "details" = '{"count": 99}' WHERE "id" = ${second}`);
    const report = await verify(key);
    expect(report.problem).toMatchObject({ kind: "changed", eventId: String(second), seq: 2n });
    expect(report.problem!.message).toContain(String(second));
    // Another agency's chain is untouched and still verifies.
    await write(otherId, 1);
    expect((await verify(await strandOfOnly(otherId))).problem).toBeNull();
  });

  it("names a changed time, action or actor as well as changed details", async () => {
    await write(agencyId, 2);
    const key = await strandOfOnly(agencyId);
    const [first] = await idsOf(key);
    await asOwner(`UPDATE "AuditEvent" SET "occurredAt" = "occurredAt" - interval '1 day' WHERE "id" = ${first}`);
    expect((await verify(key)).problem).toMatchObject({ kind: "changed", eventId: String(first) });
  });

  it("names a removed event", async () => {
    await write(agencyId, 5);
    const key = await strandOfOnly(agencyId);
    const ids = await idsOf(key);
    await asOwner(`DELETE FROM "AuditEvent" WHERE "id" = ${ids[2]}`);
    expect((await verify(key)).problem).toMatchObject({ kind: "removed", seq: 3n, afterEventId: String(ids[1]) });
  });

  it("names a cut-off end, and a truncated trail", async () => {
    await write(agencyId, 5);
    const key = await strandOfOnly(agencyId);
    const ids = await idsOf(key);
    await asOwner(`DELETE FROM "AuditEvent" WHERE "id" IN (${ids[3]}, ${ids[4]})`);
    expect((await verify(key)).problem).toMatchObject({ kind: "cut-off", seq: 3n, afterEventId: String(ids[2]) });
    await db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`);
    expect((await verify(key)).problem).toMatchObject({ kind: "cut-off", seq: 0n, afterEventId: null });
  });

  it("is what the admin's audit page shows, for their agency only", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    const caseworker = await signInAs(await makeUser(agencyId, "CASEWORKER"));
    const report = await checkAuditChain(admin);
    expect(report).toMatchObject({ agencyKey: agencyId, problem: null });
    expect(report.events).toBeGreaterThan(0);
    await expect(checkAuditChain(caseworker)).rejects.toThrow();
  });
});

describe("checkpoints: the admins' page reads only what was written since the last check (decision 024)", () => {
  const readNow = (report: { strands: { read: number }[] }) => report.strands.reduce((sum, strand) => sum + strand.read, 0);

  it("reads the whole trail once, then only the events written since, and ends at the same anchor as a check from the start", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    const first = await checkAuditChain(admin);
    expect(first.problem).toBeNull();
    expect(readNow(first)).toBe(first.events);
    expect(first.fromStartAt).toBeNull();

    await write(agencyId, 5);
    const second = await checkAuditChain(admin);
    expect(second.problem).toBeNull();
    expect(readNow(second)).toBe(5);
    expect(second.events).toBe(first.events + 5);
    const full = await db().$transaction((tx) => verifyAuditTrail(tx, agencyId));
    expect(second.anchor).toBe(full.anchor);

    expect(readNow(await checkAuditChain(admin))).toBe(0);
  });

  it("finds a change after the checkpoint, and a checkpoint whose event no longer has the hash it saw", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    await write(agencyId, 3);
    await checkAuditChain(admin);
    await write(agencyId, 3);
    const key = await strandOfOnly(agencyId);
    const ids = await idsOf(key);
    await asOwner(`UPDATE "AuditEvent" SET "details" = '{"count": 99}' WHERE "id" = ${ids.at(-2)}`);
    const found = await checkAuditChain(admin);
    expect(found.problem).toMatchObject({ kind: "changed", eventId: String(ids.at(-2)) });
  });

  it("leaves a change before the checkpoint to the nightly check from the start, after which every view of the page shows it", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    await write(agencyId, 4);
    expect((await checkAuditChain(admin)).problem).toBeNull();
    const key = await strandOfOnly(agencyId);
    const [, second] = await idsOf(key);
    const { original } = (await db().$queryRawUnsafe<{ original: string }[]>(`SELECT "details"::text AS "original" FROM "AuditEvent" WHERE "id" = ${second}`))[0]!;
    await asOwner(`UPDATE "AuditEvent" SET "details" = '{"count": 99}' WHERE "id" = ${second}`);
    // The page reads only what came after its checkpoint: the change is not among it.
    expect((await checkAuditChain(admin)).problem).toBeNull();

    const nightly = await verifyAuditTrailsJob(new Date());
    expect(nightly.problems).toBe(1);
    const shown = await checkAuditChain(admin);
    expect(shown.problem).toMatchObject({ kind: "changed", eventId: String(second) });
    await write(agencyId, 2);
    expect((await checkAuditChain(admin)).problem).toMatchObject({ kind: "changed", eventId: String(second) });

    // Put back as it was, the page verifies again and says when the trail was checked from its start.
    await asOwner(`UPDATE "AuditEvent" SET "details" = '${original}'::jsonb WHERE "id" = ${second}`);
    const again = await checkAllChainsFromStart(new Date());
    expect(again.filter((report) => report.problem)).toEqual([]);
    const cleared = await checkAuditChain(admin);
    expect(cleared.problem).toBeNull();
    expect(cleared.fromStartAt).not.toBeNull();
  });

  it("does not trust a checkpoint written by hand: its event must still carry the hash it names", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    await write(agencyId, 3);
    await checkAuditChain(admin);
    const key = await strandOfOnly(agencyId);
    await db().auditCheckpoint.update({ where: { chainKey: key }, data: { hash: "f".repeat(64) } });
    expect((await checkAuditChain(admin)).problem).toMatchObject({ kind: "changed" });
  });
});
