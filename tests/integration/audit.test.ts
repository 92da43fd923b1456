import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { AUDIT_ACTIONS, AUDIT_EVENTS, describeAuditEvent } from "@/server/audit/audit-events";
import { makeAgency, requestId, resetDatabase } from "./support";

beforeEach(resetDatabase);

describe("audit trail", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const agency = await makeAgency();
    await db().$transaction((tx) => audit(tx, { requestId: requestId(), userId: null, agencyId: agency.id }, "users.listed", { details: { count: 0 } }));
    await expect(db().auditEvent.updateMany({ data: { outcome: "FAILURE" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany()).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findMany({ select: { outcome: true } })).toEqual([{ outcome: "SUCCESS" }]);
  });

  it("a failed audit write rolls back the change it describes", async () => {
    const agency = await makeAgency("Before");
    await expect(
      db().$transaction(async (tx) => {
        await tx.agency.update({ where: { id: agency.id }, data: { name: "After" } });
        // Details that do not match the event's schema are refused, and so is the change with them.
        await audit(tx, { requestId: requestId(), userId: null, agencyId: agency.id }, "users.listed", { details: { count: "many" as never } });
      }),
    ).rejects.toThrow();
    expect((await db().agency.findUniqueOrThrow({ where: { id: agency.id } })).name).toBe("Before");
  });

  it("describes every action of the catalogue in words, never as its code", () => {
    for (const action of AUDIT_ACTIONS) {
      const text = describeAuditEvent({ action, outcome: "SUCCESS", details: {} });
      expect(text).toBe(AUDIT_EVENTS[action].label);
      expect(text).not.toContain(action);
      expect(text).toMatch(/^[A-Z]/);
    }
    expect(new Set(AUDIT_ACTIONS.map((action) => AUDIT_EVENTS[action].label)).size).toBe(AUDIT_ACTIONS.length);
    expect(describeAuditEvent({ action: "episode.step_saved", outcome: "SUCCESS", details: { step: "law-enforcement", version: 3 } })).toBe("Saved a step: Law enforcement");
    expect(describeAuditEvent({ action: "auth.sign_in_failed", outcome: "FAILURE", details: { reason: "wrong-password" } })).toBe("Sign-in failed (failed)");
    expect(describeAuditEvent({ action: "something.else", outcome: "SUCCESS", details: null })).not.toContain("something");
  });
});
