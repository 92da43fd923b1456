import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { GENESIS_HASH, verifyAllAuditChains, verifyAuditChain } from "@/server/audit/audit-chain";
import { checkAuditChain } from "@/server/audit/check-audit-chain";
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
const idsOf = async (key: string) => (await db().auditEvent.findMany({ where: { chainKey: key }, orderBy: { chainSeq: "asc" }, select: { id: true } })).map((e) => e.id);

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
    const events = await db().auditEvent.findMany({ where: { chainKey: agencyId }, orderBy: { chainSeq: "asc" } });
    expect(events.map((e) => e.chainSeq)).toEqual([1n, 2n, 3n]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    const reports = await db().$transaction((tx) => verifyAllAuditChains(tx));
    expect(reports.map((r) => [r.chainKey, r.events, r.problem])).toEqual(
      [["", 1, null], [agencyId, 3, null], [otherId, 2, null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(reports.find((r) => r.chainKey === agencyId)!.lastHash).toBe(events[2]!.hash);
  });

  it("keeps one chain whole when many requests of one agency write at once", async () => {
    await Promise.all(Array.from({ length: 12 }, () => write(agencyId, 2)));
    const report = await verify(agencyId);
    expect(report.problem).toBeNull();
    expect(report.events).toBe(24);
  });

  it("names the first event whose content was changed", async () => {
    await write(agencyId, 4);
    const [, second] = await idsOf(agencyId);
    await asOwner(`UPDATE "AuditEvent" SET "details" = '{"count": 99}' WHERE "id" = ${second}`);
    const report = await verify(agencyId);
    expect(report.problem).toMatchObject({ kind: "changed", eventId: String(second), seq: 2n });
    expect(report.problem!.message).toContain(String(second));
    // Another agency's chain is untouched and still verifies.
    await write(otherId, 1);
    expect((await verify(otherId)).problem).toBeNull();
  });

  it("names a changed time, action or actor as well as changed details", async () => {
    await write(agencyId, 2);
    const [first] = await idsOf(agencyId);
    await asOwner(`UPDATE "AuditEvent" SET "occurredAt" = "occurredAt" - interval '1 day' WHERE "id" = ${first}`);
    expect((await verify(agencyId)).problem).toMatchObject({ kind: "changed", eventId: String(first) });
  });

  it("names a removed event", async () => {
    await write(agencyId, 5);
    const ids = await idsOf(agencyId);
    await asOwner(`DELETE FROM "AuditEvent" WHERE "id" = ${ids[2]}`);
    expect((await verify(agencyId)).problem).toMatchObject({ kind: "removed", seq: 3n, afterEventId: String(ids[1]) });
  });

  it("names a cut-off end, and a truncated trail", async () => {
    await write(agencyId, 5);
    const ids = await idsOf(agencyId);
    await asOwner(`DELETE FROM "AuditEvent" WHERE "id" IN (${ids[3]}, ${ids[4]})`);
    expect((await verify(agencyId)).problem).toMatchObject({ kind: "cut-off", seq: 3n, afterEventId: String(ids[2]) });
    await db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`);
    expect((await verify(agencyId)).problem).toMatchObject({ kind: "cut-off", seq: 0n, afterEventId: null });
  });

  it("is what the admin's audit page shows, for their agency only", async () => {
    const admin = await signInAs(await makeUser(agencyId, "ADMIN"));
    const caseworker = await signInAs(await makeUser(agencyId, "CASEWORKER"));
    const report = await checkAuditChain(admin);
    expect(report).toMatchObject({ chainKey: agencyId, problem: null });
    expect(report.events).toBeGreaterThan(0);
    await expect(checkAuditChain(caseworker)).rejects.toThrow();
  });
});
