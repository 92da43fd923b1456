import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { actorFrom, type Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { can, type Permission } from "@/server/authz/permissions";
import { listAgencyUsers } from "@/server/users/list-agency-users";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getEpisode } from "@/server/episodes/get-episode";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { saveEpisodeDraft } from "@/server/episodes/save-episode-draft";
import { startEpisode } from "@/server/episodes/start-episode";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { searchChildren } from "@/server/children/search-children";
import { generatePacket } from "@/server/packets/generate-packet";
import { addPhoto, readPhoto } from "@/server/photos/photos";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { png } from "../fixtures/images";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

/**
 * Every role (and one the map does not know) × every protected entry point × a target in the
 * actor's own agency and in another agency. A cell is allowed only when the role has the
 * permission AND the target is in the actor's agency; the test counts its cells so it cannot
 * pass by checking nothing.
 */
type Target = { agencyId: string; userId: string; auditRequestId: string; episodeId: string; caseNumber: string; childId: string; returningChildId: string; photoId: string };
type Outcome = "allowed" | "denied";
type EntryPoint = { name: string; permission: Permission; attempt: (actor: Actor, target: Target) => Promise<Outcome> };

async function outcomeOf(work: () => Promise<boolean>): Promise<Outcome> {
  try {
    return (await work()) ? "allowed" : "denied";
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return "denied";
    throw error;
  }
}

const ENTRY_POINTS: EntryPoint[] = [
  // Pages guard with requirePageActor(PAGE_PERMISSIONS[path]) = can(role, permission); their
  // data comes only from the use cases below, which are scoped to the actor's agency.
  ...Object.entries(PAGE_PERMISSIONS).map(([path, permission]) => ({
    name: `page ${path}`,
    permission,
    attempt: async (actor: Actor, target: Target) =>
      can(actor.role, permission) && actor.agency.id === target.agencyId ? ("allowed" as const) : ("denied" as const),
  })),
  {
    name: "listAgencyUsers",
    permission: "users:view",
    attempt: (actor, target) =>
      outcomeOf(async () => (await listAgencyUsers(actor, { requestId: requestId() })).some((u) => u.id === target.userId)),
  },
  {
    name: "getAgencyUser",
    permission: "users:view",
    attempt: (actor, target) => outcomeOf(async () => (await getAgencyUser(actor, target.userId, { requestId: requestId() })).id === target.userId),
  },
  {
    name: "listAuditEvents",
    permission: "audit:view",
    attempt: (actor, target) =>
      outcomeOf(async () =>
        (await listAuditEvents(actor, { page: 1 }, { requestId: requestId() })).events.some((e) => e.requestId === target.auditRequestId),
      ),
  },
];

const versionOf = async (episodeId: string) => (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).version;

ENTRY_POINTS.push(
  {
    name: "listEpisodes",
    permission: "cases:view",
    attempt: (actor, target) =>
      outcomeOf(async () =>
        (await listEpisodes(actor, { stage: "all", sort: "deadline", direction: "asc", page: 1 }, { requestId: requestId() })).rows.some((r) => r.id === target.episodeId),
      ),
  },
  {
    name: "getEpisode",
    permission: "cases:view",
    attempt: (actor, target) =>
      outcomeOf(async () => (await getEpisode(actor, target.episodeId, { permission: "cases:view", requestId: requestId() })).record.id === target.episodeId),
  },
  {
    name: "searchChildren",
    permission: "reports:file",
    attempt: (actor, target) =>
      outcomeOf(async () =>
        (await searchChildren(actor, { name: "", dateOfBirth: "", agencyCaseNumber: target.caseNumber }, { requestId: requestId() })).some(
          (child) => child.id === target.childId,
        ),
      ),
  },
  {
    name: "startEpisode",
    permission: "reports:file",
    attempt: (actor, target) => outcomeOf(async () => Boolean((await startEpisode(actor, { childId: target.returningChildId }, { requestId: requestId() })).episodeId)),
  },
  {
    name: "saveEpisodeStep",
    permission: "reports:file",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        const version = await versionOf(target.episodeId);
        const values = completeSteps(new Date()).guardian;
        return (await saveEpisodeStep(actor, { episodeId: target.episodeId, step: "guardian", version, values }, { requestId: requestId() })).version > version;
      }),
  },
  {
    name: "saveEpisodeDraft",
    permission: "reports:file",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        const version = await versionOf(target.episodeId);
        return Boolean(await saveEpisodeDraft(actor, { episodeId: target.episodeId, step: "risks", baseVersion: version, values: {} }));
      }),
  },
  {
    name: "generatePacket",
    permission: "cases:view",
    attempt: (actor, target) =>
      outcomeOf(async () => (await generatePacket(actor, { episodeId: target.episodeId, variant: "full", format: "json", mode: "draft" }, { requestId: requestId() })).bytes.length > 0),
  },
  {
    name: "readPhoto",
    permission: "cases:view",
    attempt: (actor, target) => outcomeOf(async () => (await readPhoto(actor, { episodeId: target.episodeId, photoId: target.photoId, size: "thumbnail" })).length > 0),
  },
  {
    name: "addPhoto",
    permission: "reports:file",
    attempt: (actor, target) =>
      outcomeOf(async () => Boolean((await addPhoto(actor, { episodeId: target.episodeId, file: await png(), fields: { takenOn: "2026-10-01", attest: "yes" } }, { requestId: requestId() })).photoId)),
  },
  {
    name: "submitEpisode",
    permission: "reports:file",
    attempt: (actor, target) =>
      outcomeOf(async () => Boolean(await submitEpisode(actor, { episodeId: target.episodeId, version: await versionOf(target.episodeId) }, { requestId: requestId() }))),
  },
);

const ROLES = ["CASEWORKER", "SUPERVISOR", "ADMIN", "AUDITOR"] as const;

describe("authorization matrix", () => {
  const actors = new Map<string, Actor>();
  const targets = new Map<string, Target>();

  beforeAll(async () => {
    await resetDatabase();
    for (const key of ["own", "other"]) {
      const agency = await makeAgency(`${key} agency`);
      const subject = await makeUser(agency.id, "CASEWORKER");
      const auditRequestId = requestId();
      await db().$transaction((tx) =>
        recordAuditEvent(tx, { action: "user.viewed", outcome: "SUCCESS", requestId: auditRequestId, agencyId: agency.id }),
      );
      // A complete, unsubmitted report, and a child whose only episode is closed.
      const filer = await signInAs(await makeUser(agency.id, "CASEWORKER"));
      const caseNumber = `${key}-case`;
      const child = (n: string) => ({ firstName: n, lastName: key, dateOfBirth: "2012-01-01", agencyCaseNumber: n === "Pat" ? caseNumber : `${caseNumber}-${n}`, underAgencyGuardianship: "yes" });
      const { episodeId } = await startEpisode(filer, { newChild: child("Pat") }, { requestId: requestId() });
      const steps = completeSteps(new Date());
      for (const step of ORDERED_STEPS) {
        await saveEpisodeStep(filer, { episodeId, step, version: await versionOf(episodeId), values: steps[step] }, { requestId: requestId() });
      }
      const closed = await startEpisode(filer, { newChild: child("Returning") }, { requestId: requestId() });
      const { childId: returningChildId } = await db().episode.update({ where: { id: closed.episodeId }, data: { closedAt: new Date() } });
      // The child step saved above gave the child the fixture's case number.
      const { childId } = await db().episode.findUniqueOrThrow({ where: { id: episodeId } });
      const { photoId } = await addPhoto(filer, { episodeId, file: await png(), fields: { takenOn: "2026-10-01", attest: "yes" } }, { requestId: requestId() });
      targets.set(key, { agencyId: agency.id, userId: subject.id, auditRequestId, episodeId, caseNumber: steps.child.agencyCaseNumber, childId, returningChildId, photoId });
      if (key === "own") {
        for (const role of ROLES) {
          // The unknown role is a real, signed-in user whose role the code does not know.
          const user = await makeUser(agency.id, role === "AUDITOR" ? "CASEWORKER" : role);
          const actor = await signInAs(user);
          actors.set(role, role === "AUDITOR" ? actorFrom({ ...actor, role: "AUDITOR" }) : actor);
        }
      }
    }
  });

  it("allows exactly what the permission map grants, and only in the actor's own agency", async () => {
    let cells = 0;
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const entry of ENTRY_POINTS) {
        for (const where of ["own", "other"] as const) {
          const expected: Outcome = can(role, entry.permission) && where === "own" ? "allowed" : "denied";
          const actual = await entry.attempt(actors.get(role)!, targets.get(where)!);
          if (actual !== expected) mismatches.push(`${role} × ${entry.name} × ${where}: expected ${expected}, got ${actual}`);
          cells++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(ROLES.length * (Object.keys(PAGE_PERMISSIONS).length + 13) * 2);
    expect(cells).toBe(192);
  });
});
