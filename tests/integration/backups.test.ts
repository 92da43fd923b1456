import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { POST as markCopied } from "@/app/api/admin/backups/[backupId]/copied/route";
import { getBackupStatus, backupWarningsNow } from "@/server/backups/get-backup-status";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

let agencyId: string;
let admin: Actor;

beforeEach(async () => {
  await resetDatabase();
  agencyId = (await makeAgency("Backup County")).id;
  admin = await signInAs(await makeUser(agencyId, "ADMIN"));
});

const backup = (hoursAgo: number) =>
  db().databaseBackup.create({ data: { takenAt: new Date(Date.now() - hoursAgo * 3_600_000), fileName: `homeward-${requestId()}.backup`, bytes: 1024n, kind: "MANUAL" } });

const post = async (actor: Actor, backupId: string, body: string) =>
  call(markCopied, { backupId }, `/api/admin/backups/${backupId}/copied`, {
    method: "POST",
    cookie: await sessionCookie(actor.sessionId),
    headers: { "content-type": "application/json" },
    body,
  });

describe("the installation's backups, as the admin's pages show them", () => {
  it("warns until a recent backup has been copied off the machine; the admin's mark is audited", async () => {
    expect(await backupWarningsNow(admin)).toEqual([]);
    const taken = await backup(2);
    expect(await backupWarningsNow(admin)).toEqual(["not-copied-off"]);
    const answer = await post(admin, taken.id, JSON.stringify({ copied: true }));
    expect(answer.status).toBe(200);
    const row = await db().databaseBackup.findUniqueOrThrow({ where: { id: taken.id } });
    expect(row.copiedOffAt).not.toBeNull();
    expect(row.copiedOffBy).toBe(admin.userId);
    expect(await backupWarningsNow(admin)).toEqual([]);
    const events = await db().auditEvent.findMany({ where: { action: "backup.marked_copied" } });
    expect(events.map((e) => [e.agencyId, e.actorUserId, e.details])).toEqual([[agencyId, admin.userId, { backupId: taken.id }]]);
    const status = await getBackupStatus(admin, { requestId: requestId() });
    expect(status.backups.map((b) => [b.id, b.copiedBy])).toEqual([[taken.id, "admin"]]);
  });

  it("answers a tampered body with 400, an unknown or malformed id with 404, and changes nothing", async () => {
    const taken = await backup(2);
    for (const body of ["{}", JSON.stringify({ copied: "yes" }), JSON.stringify({ copied: true, copiedOffAt: "2020-01-01" }), "not json"]) {
      const answer = await post(admin, taken.id, body);
      expect(answer.status, body).toBe(400);
      expect(((await answer.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    expect((await post(admin, "00000000-0000-4000-8000-000000000000", JSON.stringify({ copied: true }))).status).toBe(404);
    expect((await post(admin, "not-an-id", JSON.stringify({ copied: true }))).status).toBe(404);
    expect((await db().databaseBackup.findUniqueOrThrow({ where: { id: taken.id } })).copiedOffAt).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "backup.marked_copied" } })).toBe(0);
    // The refusals are in the trail, without the id that was tried.
    const refusals = await db().auditEvent.findMany({ where: { action: "access.refused" } });
    expect(refusals).toHaveLength(2);
    expect(JSON.stringify(refusals.map((r) => r.details))).not.toContain("not-an-id");
  });

  it("refuses a caseworker, and says so in the trail", async () => {
    const taken = await backup(2);
    const caseworker = await signInAs(await makeUser(agencyId, "CASEWORKER"));
    expect((await post(caseworker, taken.id, JSON.stringify({ copied: true }))).status).toBe(403);
    expect((await db().databaseBackup.findUniqueOrThrow({ where: { id: taken.id } })).copiedOffAt).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "access.refused", actorUserId: caseworker.userId } })).toBe(1);
  });

  it("lists what a restore lost for the admin's own agency only, in words", async () => {
    const other = await makeAgency("Neighbor County");
    await db().databaseRestore.create({
      data: {
        restoredAt: new Date(),
        backupTakenAt: new Date(Date.now() - 86_400_000),
        fileName: "homeward-x.backup",
        lostEvents: {
          create: [
            { agencyId, occurredAt: new Date(), action: "episode.created", actorName: "Alex Kim", targetType: "Episode", targetId: "e-1" },
            { agencyId: other.id, occurredAt: new Date(), action: "episode.created", actorName: "Sam Roe", targetType: "Episode", targetId: "e-2" },
          ],
        },
      },
    });
    const status = await getBackupStatus(admin, { requestId: requestId() });
    expect(status.restores).toHaveLength(1);
    expect(status.restores[0]!.lost).toEqual([expect.objectContaining({ text: "Report started", actorName: "Alex Kim", targetId: "e-1" })]);
    expect(await db().auditEvent.count({ where: { action: "backups.viewed", agencyId } })).toBe(1);
  });
});
