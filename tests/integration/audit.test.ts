import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { makeAgency, requestId, resetDatabase } from "./support";

beforeEach(resetDatabase);

describe("audit trail", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const agency = await makeAgency();
    await db().$transaction((tx) => recordAuditEvent(tx, { action: "users.listed", outcome: "SUCCESS", requestId: requestId(), agencyId: agency.id }));
    await expect(db().auditEvent.updateMany({ data: { outcome: "FAILURE" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany()).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findMany({ select: { outcome: true } })).toEqual([{ outcome: "SUCCESS" }]);
  });

  it("a failed audit write rolls back the change it describes", async () => {
    const agency = await makeAgency("Before");
    await expect(
      db().$transaction(async (tx) => {
        await tx.agency.update({ where: { id: agency.id }, data: { name: "After" } });
        await recordAuditEvent(tx, { action: "not.an.action" as never, outcome: "SUCCESS", requestId: requestId() });
      }),
    ).rejects.toThrow();
    expect((await db().agency.findUniqueOrThrow({ where: { id: agency.id } })).name).toBe("Before");
  });
});
