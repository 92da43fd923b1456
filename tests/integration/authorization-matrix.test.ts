import { isDeepStrictEqual } from "node:util";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import nextConfig from "../../next.config";
import { env, servedOverHttps } from "@/config/env";
import { db } from "@/server/db";
import { actorFrom, currentActor, type Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { can, type Permission } from "@/server/authz/permissions";
import { listAgencyUsers } from "@/server/users/list-agency-users";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { unlockUser } from "@/server/users/unlock-user";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { audit } from "@/server/audit/audit";
import { getEpisode } from "@/server/episodes/get-episode";
import { listEpisodes } from "@/server/episodes/list-episodes";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { saveEpisodeDraft } from "@/server/episodes/save-episode-draft";
import { startEpisode } from "@/server/episodes/start-episode";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { recordUpdateSent } from "@/server/episodes/record-update-sent";
import { ConflictError, ValidationError } from "@/server/use-case-errors";
import { inviteUser } from "@/server/users/invite-user";
import { updateUser } from "@/server/users/update-user";
import { deactivateUser } from "@/server/users/deactivate-user";
import { reactivateUser } from "@/server/users/reactivate-user";
import { resendInvitation } from "@/server/users/resend-invitation";
import { requireNewPassword } from "@/server/users/require-new-password";
import { sendPasswordReset } from "@/server/users/send-password-reset";
import { resetSecondFactor } from "@/server/users/reset-second-factor";
import { reassignEpisodes } from "@/server/users/reassign-episodes";
import { createTeam } from "@/server/teams/create-team";
import { renameTeam } from "@/server/teams/rename-team";
import { deleteTeam } from "@/server/teams/delete-team";
import { setTeamSupervisors } from "@/server/teams/set-team-supervisors";
import { setOnCallList } from "@/server/teams/set-on-call-list";
import { listTeams } from "@/server/teams/list-teams";
import { getAgencySettings } from "@/server/agency/get-agency-settings";
import { readAgencySettings } from "@/server/agency/agency-settings";
import { updateAgencySettings } from "@/server/agency/update-agency-settings";
import { auditFilterChoices } from "@/server/audit/audit-filter-choices";
import { exportAuditEvents } from "@/server/audit/export-audit-events";
import { searchChildren } from "@/server/children/search-children";
import { generatePacket } from "@/server/packets/generate-packet";
import { addPhoto } from "@/server/photos/add-photo";
import { readPhoto } from "@/server/photos/read-photo";
import { recordSearchActivity } from "@/server/episodes/record-search-activity";
import { recordLeadPassed } from "@/server/episodes/record-lead-passed";
import { recordNcicRecordsSent } from "@/server/episodes/record-ncic-records-sent";
import { markLongTermItem } from "@/server/episodes/mark-long-term-item";
import { recordRecovery } from "@/server/episodes/record-recovery";
import { endEpisodeWithoutRecovery } from "@/server/episodes/end-episode-without-recovery";
import { recordNoticeSent } from "@/server/episodes/record-notice-sent";
import { markNoticeNotApplicable } from "@/server/episodes/mark-notice-not-applicable";
import { saveDebrief } from "@/server/episodes/save-debrief";
import { recordDebriefAttempt } from "@/server/episodes/record-debrief-attempt";
import { acceptDebriefWithoutInterview } from "@/server/episodes/accept-debrief-without-interview";
import { completeDebrief } from "@/server/episodes/complete-debrief";
import { markRanAgainBeforeDebrief } from "@/server/episodes/mark-ran-again-before-debrief";
import { recordTraffickingScreen } from "@/server/episodes/record-trafficking-screen";
import { recordTraffickingDetermination } from "@/server/episodes/record-trafficking-determination";
import { recordTraffickingReport } from "@/server/episodes/record-trafficking-report";
import { requestClosure } from "@/server/episodes/request-closure";
import { approveClosure } from "@/server/episodes/approve-closure";
import { returnClosure } from "@/server/episodes/return-closure";
import { reopenEpisode } from "@/server/episodes/reopen-episode";
import { voidEpisode } from "@/server/episodes/void-episode";
import { requestReportReview } from "@/server/episodes/request-report-review";
import { approveReport } from "@/server/episodes/approve-report";
import { returnReport } from "@/server/episodes/return-report";
import { reassignEpisode } from "@/server/episodes/reassign-episode";
import { listCaseworkers } from "@/server/episodes/list-caseworkers";
import { getBackupStatus } from "@/server/backups/get-backup-status";
import { markBackupCopied } from "@/server/backups/mark-backup-copied";
import { ORDERED_STEPS, completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { png } from "../fixtures/images";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

/**
 * Every role (and one the map does not know) × every protected entry point × a target in the
 * actor's own agency and in another agency. A cell is allowed only when the role has the
 * permission AND the target is in the actor's agency (a page that neither names nor lists a
 * record has no target: see LISTED); the test counts its cells so it cannot pass by checking nothing.
 *
 * Page cells call each page on disk as Next would, for a real signed-in person: only the
 * framework's request edges are stood in for (the cookie jar holds a real next-auth session
 * cookie), so the page's own guard and its own agency-scoped loading decide.
 */

// What Next would hand the page from the request: the cookie of the cell's signed-in person.
const request = vi.hoisted(() => ({ cookie: "", unknownRoleSessions: new Set<string>() }));

vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/server/web/spec-extension/cookies");
  return {
    cookies: async () => new RequestCookies(new Headers({ cookie: request.cookie })),
    headers: async () => new Headers(),
  };
});

// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

// The database's Role enum cannot hold a role the code does not know, so the unknown-role person's
// real session is relabelled on its way out, as a role added to the database before the code would be.
vi.mock("@/server/auth/sessions", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/auth/sessions")>();
  return {
    ...real,
    resolveSession: async (...args: Parameters<typeof real.resolveSession>) => {
      const user = await real.resolveSession(...args);
      return request.unknownRoleSessions.has(user.sessionId) ? { ...user, roles: ["AUDITOR"] } : user;
    },
  };
});

type Target = { agencyId: string; userId: string; episodeId: string; caseNumber: string; childId: string; returningChildId: string; photoId: string };
type Outcome = "allowed" | "denied";
/** `permission` is undefined for a page missing from PAGE_PERMISSIONS: such a page must deny everyone. */
type EntryPoint = { name: string; permission: Permission | undefined; targetFree?: boolean; attempt: (actor: Actor, target: Target) => Promise<Outcome> };

async function outcomeOf(work: () => Promise<boolean>): Promise<Outcome> {
  try {
    return (await work()) ? "allowed" : "denied";
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return "denied";
    throw error;
  }
}

/** An audit event in the target's agency, recorded just now so that it is on the first page of the trail. */
async function freshAuditEvent(target: Target): Promise<string> {
  const id = requestId();
  await db().$transaction((tx) => audit(tx, { requestId: id, userId: null, agencyId: target.agencyId }, "user.viewed", {}));
  return id;
}

/** A restore that lost an event of the target's agency; its record id is what the agency's admin (only) is shown. */
async function freshLostEvent(target: Target): Promise<string> {
  const lostRecordId = requestId();
  await db().databaseRestore.create({
    data: {
      restoredAt: new Date(),
      backupTakenAt: new Date(Date.now() - 3_600_000),
      fileName: `matrix-${lostRecordId}.backup`,
      lostEvents: { create: { agencyId: target.agencyId, occurredAt: new Date(), action: "episode.created", targetType: "Episode", targetId: lostRecordId } },
    },
  });
  return lostRecordId;
}

// ---- Pages ------------------------------------------------------------------------------------

const APP_DIR = path.resolve(import.meta.dirname, "../../src/app/(app)");

/** Every signed-in page on disk, by its URL pattern (route groups in parentheses are not in the URL). */
const PAGE_FILES = new Map(
  readdirSync(APP_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => /^page\.[jt]sx?$/.test(path.basename(file)))
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).filter((s) => s !== "." && !/^\(.+\)$/.test(s));
      return [`/${segments.join("/")}`, path.join(APP_DIR, file)] as const;
    }),
);

/** The value each dynamic segment takes in a cell: the target's own record, or a fixed step. */
const PARAM_VALUES: Record<string, (target: Target) => string> = {
  episodeId: (target) => target.episodeId,
  userId: (target) => target.userId,
  step: () => "child",
};

/**
 * How a page without a record in its URL shows the target, when it lists records: the target is
 * "allowed" only if it is on the page. A page that neither names nor lists records has nothing of
 * another agency to show, so both its columns ask only whether the role may open it.
 */
const LISTED: Record<string, (target: Target) => Promise<string>> = {
  "/cases": async (target) => `/cases/${target.episodeId}`,
  // An open episode of the agency is on its on-call supervisors' dashboard (and on a team-less one's).
  "/dashboard": async (target) => target.episodeId,
  "/admin/users": async (target) => `/admin/users/${target.userId}`,
  // The trail shows the first 8 characters of each event's request id.
  "/admin/audit": async (target) => (await freshAuditEvent(target)).slice(0, 8),
  // A restore's lost records are shown to their own agency's admin only.
  "/admin/backups": freshLostEvent,
};

type Page = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

const ACCESS_DENIED = new Set(["NEXT_HTTP_ERROR_FALLBACK;403", "NEXT_HTTP_ERROR_FALLBACK;404"]);
const sessionCookies = new Map<Actor, string>();

/** Every string the element tree would put in the page (text and attributes such as href). */
function stringsIn(node: unknown, found: string[] = [], seen = new WeakSet<object>()): string[] {
  if (typeof node === "string") found.push(node);
  else if (node !== null && typeof node === "object" && !seen.has(node)) {
    seen.add(node);
    const values = "$$typeof" in node && "props" in node ? [node.props] : Object.values(node);
    for (const value of values) stringsIn(value, found, seen);
  }
  return found;
}

function pageEntry(route: string, file: string): EntryPoint {
  const segments = [...route.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]!);
  const listed = LISTED[route];
  return {
    name: `page ${route}`,
    permission: (PAGE_PERMISSIONS as Partial<Record<string, Permission>>)[route],
    targetFree: segments.length === 0 && !listed,
    attempt: async (actor, target) => {
      const params = Object.fromEntries(
        segments.map((name) => {
          if (!PARAM_VALUES[name]) throw new Error(`no test value for the [${name}] segment of ${route}`);
          return [name, PARAM_VALUES[name](target)];
        }),
      );
      const shows = listed ? await listed(target) : undefined;
      const { default: Page } = (await import(file)) as { default: Page };
      request.cookie = sessionCookies.get(actor)!;
      let tree: unknown;
      try {
        tree = await Page({ params: Promise.resolve(params), searchParams: Promise.resolve({}) });
      } catch (error) {
        // forbidden() and notFound() answer 403 and 404; anything else (a redirect to sign-in included) is a failure.
        const digest = (error as { digest?: string }).digest;
        if (digest && ACCESS_DENIED.has(digest)) return "denied";
        throw error;
      }
      return shows === undefined || stringsIn(tree).some((s) => s.includes(shows)) ? "allowed" : "denied";
    },
  };
}

const ENTRY_POINTS: EntryPoint[] = [
  ...[...PAGE_FILES].map(([route, file]) => pageEntry(route, file)),
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
    name: "unlockUser",
    permission: "users:manage",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        await db().user.update({ where: { id: target.userId }, data: { failedSignInCount: 5, lockedUntil: new Date(Date.now() + 15 * 60_000) } });
        return (await unlockUser(actor, target.userId, { requestId: requestId() })).unlocked;
      }),
  },
  {
    name: "listAuditEvents",
    permission: "audit:view",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        const shows = await freshAuditEvent(target);
        return (await listAuditEvents(actor, {}, { requestId: requestId() })).events.some((e) => e.requestId === shows);
      }),
  },
];

/** A conflict (already open, already submitted, nothing to send) is answered after the guard let the actor through. */
const passedTheGuard = (error: unknown): true => {
  if (error instanceof ConflictError) return true;
  throw error;
};

const versionOf = async (episodeId: string) => (await db().episode.findUniqueOrThrow({ where: { id: episodeId } })).version;

ENTRY_POINTS.push(
  {
    name: "listEpisodes",
    permission: "cases:view",
    attempt: (actor, target) =>
      outcomeOf(async () =>
        (await listEpisodes(actor, { stage: "all", sort: "deadline", direction: "asc", cursor: null }, { requestId: requestId() })).rows.some((r) => r.id === target.episodeId),
      ),
  },
  {
    name: "getEpisode",
    permission: "cases:view",
    attempt: (actor, target) =>
      outcomeOf(async () => (await getEpisode(actor, target.episodeId, { permission: "cases:view", requestId: requestId() })).facts.id === target.episodeId),
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
    // A second holder allowed to file finds the child's episode already open: a conflict after the guard.
    attempt: (actor, target) =>
      outcomeOf(() => startEpisode(actor, { childId: target.returningChildId }, { requestId: requestId() }).then((r) => Boolean(r.episodeId), passedTheGuard)),
  },
  {
    name: "saveEpisodeStep",
    permission: "episodes:record",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        const version = await versionOf(target.episodeId);
        const values = completeSteps(new Date()).guardian;
        return (await saveEpisodeStep(actor, { episodeId: target.episodeId, step: "guardian", version, values }, { requestId: requestId() })).version > version;
      }),
  },
  {
    name: "saveEpisodeDraft",
    permission: "episodes:record",
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
      outcomeOf(async () => (await generatePacket(actor, { episodeId: target.episodeId, variant: "full", format: "json" }, { requestId: requestId() })).bytes.length > 0),
  },
  {
    name: "readPhoto",
    permission: "cases:view",
    attempt: (actor, target) => outcomeOf(async () => (await readPhoto(actor, { episodeId: target.episodeId, photoId: target.photoId, size: "thumbnail" }, { requestId: requestId() })).length > 0),
  },
  {
    name: "addPhoto",
    permission: "episodes:record",
    attempt: (actor, target) =>
      outcomeOf(async () => Boolean((await addPhoto(actor, { episodeId: target.episodeId, file: await png(), fields: { takenOn: "2026-10-01", attest: "yes" } }, { requestId: requestId() })).photoId)),
  },
  {
    name: "submitEpisode",
    permission: "episodes:record",
    attempt: (actor, target) =>
      outcomeOf(async () => submitEpisode(actor, { episodeId: target.episodeId, version: await versionOf(target.episodeId) }, { requestId: requestId() }).then(Boolean, passedTheGuard)),
  },
  {
    name: "listCaseworkers",
    permission: "episodes:approve",
    // The target's subject is a caseworker of the target's agency: listed only to that agency's supervisors.
    attempt: (actor, target) => outcomeOf(async () => (await listCaseworkers(actor)).some((person) => person.id === target.userId)),
  },
  {
    name: "recordUpdateSent",
    permission: "episodes:record",
    // Allowed through the checks means answered: sent, or "no changes to send" (a conflict after the guard).
    attempt: (actor, target) =>
      outcomeOf(() => recordUpdateSent(actor, { episodeId: target.episodeId }, { requestId: requestId() }).then(() => true, passedTheGuard)),
  },
);

// ---- The admins' use cases (issue 11) ------------------------------------------------------------
// A change to a person or a team works on one made for the cell in the target's agency, so that no
// cell depends on what an earlier one did.

const ctx = () => ({ requestId: requestId() });
const uniqueName = (what: string) => `${what} ${requestId().slice(0, 8)}`;

async function freshPerson(target: Target, data: { active?: boolean; invitedOnly?: boolean } = {}): Promise<string> {
  const user = await makeUser(target.agencyId, "CASEWORKER", { active: data.active ?? true });
  if (data.invitedOnly) await db().user.update({ where: { id: user.id }, data: { passwordHash: null } });
  return user.id;
}

const freshTeam = async (target: Target) => (await db().team.create({ data: { agencyId: target.agencyId, name: uniqueName("Team") } })).id;

ENTRY_POINTS.push(
  {
    name: "inviteUser",
    permission: "users:manage",
    // Invites into the actor's own agency: there is no target to reach.
    targetFree: true,
    attempt: (actor) =>
      outcomeOf(async () => Boolean((await inviteUser(actor, { name: "New Person", email: `${requestId()}@example.org`, roles: ["CASEWORKER"], teamId: "" }, ctx())).userId)),
  },
  {
    name: "updateUser",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      const { email } = await db().user.findUniqueOrThrow({ where: { id: userId } });
      return outcomeOf(async () => (await updateUser(actor, userId, { name: "Renamed Person", email, roles: ["CASEWORKER"], teamId: "", onCall: false }, ctx())).changed);
    },
  },
  {
    name: "deactivateUser",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      return outcomeOf(async () => (await deactivateUser(actor, userId, ctx())).deactivated);
    },
  },
  {
    name: "reactivateUser",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target, { active: false });
      return outcomeOf(async () => (await reactivateUser(actor, userId, ctx())).reactivated);
    },
  },
  {
    name: "resendInvitation",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target, { invitedOnly: true });
      return outcomeOf(async () => (await resendInvitation(actor, userId, ctx())).delivery !== undefined);
    },
  },
  {
    name: "requireNewPassword",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      return outcomeOf(async () => {
        await requireNewPassword(actor, userId, ctx());
        return (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordChangeRequired;
      });
    },
  },
  {
    name: "sendPasswordReset",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      return outcomeOf(async () => (await sendPasswordReset(actor, userId, ctx())).delivery !== undefined);
    },
  },
  {
    name: "resetSecondFactor",
    permission: "users:manage",
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      return outcomeOf(async () => (await resetSecondFactor(actor, userId, ctx())).sessionsEnded >= 0);
    },
  },
  {
    name: "reassignEpisodes",
    permission: "users:manage",
    // Moves the target's open episode to the target's caseworker, then puts it back for the cells after.
    attempt: async (actor, target) => {
      const { caseworkerId } = await db().episode.findUniqueOrThrow({ where: { id: target.episodeId } });
      try {
        return await outcomeOf(async () => (await reassignEpisodes(actor, caseworkerId, { episodeIds: [target.episodeId], toUserId: target.userId }, ctx())).reassigned === 1);
      } finally {
        await db().episode.update({ where: { id: target.episodeId }, data: { caseworkerId } });
      }
    },
  },
  {
    name: "createTeam",
    permission: "teams:manage",
    targetFree: true,
    attempt: (actor) => outcomeOf(async () => Boolean((await createTeam(actor, { name: uniqueName("Team") }, ctx())).teamId)),
  },
  {
    name: "renameTeam",
    permission: "teams:manage",
    attempt: async (actor, target) => {
      const teamId = await freshTeam(target);
      return outcomeOf(async () => (await renameTeam(actor, teamId, { name: uniqueName("Renamed") }, ctx())).changed);
    },
  },
  {
    name: "deleteTeam",
    permission: "teams:manage",
    attempt: async (actor, target) => {
      const teamId = await freshTeam(target);
      return outcomeOf(async () => {
        await deleteTeam(actor, teamId, ctx());
        return (await db().team.count({ where: { id: teamId } })) === 0;
      });
    },
  },
  {
    name: "setTeamSupervisors",
    permission: "teams:manage",
    attempt: async (actor, target) => {
      const teamId = await freshTeam(target);
      const supervisor = await makeUser(target.agencyId, "SUPERVISOR");
      return outcomeOf(async () => (await setTeamSupervisors(actor, teamId, { userIds: [supervisor.id] }, ctx())).changed);
    },
  },
  {
    name: "setOnCallList",
    permission: "teams:manage",
    // The list is the actor's agency's: a person of another agency is refused as not one of its people.
    attempt: async (actor, target) => {
      const userId = await freshPerson(target);
      try {
        return await outcomeOf(async () => (await setOnCallList(actor, { userIds: [userId] }, ctx())).changed);
      } catch (error) {
        if (error instanceof ValidationError) return "denied";
        throw error;
      }
    },
  },
  {
    name: "listTeams",
    permission: "users:view",
    attempt: async (actor, target) => {
      const teamId = await freshTeam(target);
      return outcomeOf(async () => (await listTeams(actor, ctx())).teams.some((team) => team.id === teamId));
    },
  },
  {
    name: "getAgencySettings",
    permission: "agency:manage",
    targetFree: true,
    attempt: (actor) => outcomeOf(async () => (await getAgencySettings(actor)).lawEnforcementClockHours > 0),
  },
  {
    name: "updateAgencySettings",
    permission: "agency:manage",
    targetFree: true,
    // Saves the agency's settings as they are (read directly: the actor may not be allowed to read them).
    attempt: async (actor) => {
      const current = await db().$transaction((tx) => readAgencySettings(tx, actor.agency.id));
      return outcomeOf(async () => Array.isArray((await updateAgencySettings(actor, current, ctx())).changed));
    },
  },
  {
    name: "getBackupStatus",
    permission: "backups:manage",
    attempt: async (actor, target) => {
      const shows = await freshLostEvent(target);
      return outcomeOf(async () => (await getBackupStatus(actor, { requestId: requestId() })).restores.some((r) => r.lost.some((e) => e.targetId === shows)));
    },
  },
  {
    name: "markBackupCopied",
    permission: "backups:manage",
    targetFree: true,
    attempt: async (actor) => {
      const backup = await db().databaseBackup.create({ data: { takenAt: new Date(), fileName: `matrix-${requestId()}.backup`, bytes: 1n, kind: "MANUAL" } });
      return outcomeOf(async () => Boolean((await markBackupCopied(actor, backup.id, { copied: true }, { requestId: requestId() })).copiedOffAt));
    },
  },
  {
    name: "auditFilterChoices",
    permission: "audit:view",
    attempt: (actor, target) => outcomeOf(async () => (await auditFilterChoices(actor)).people.some((person) => person.code === target.userId)),
  },
  {
    name: "exportAuditEvents",
    permission: "audit:view",
    attempt: (actor, target) =>
      outcomeOf(async () => {
        const shows = await freshAuditEvent(target);
        return (await exportAuditEvents(actor, {}, ctx())).csv.includes(shows.slice(0, 8));
      }),
  },
);

// ---- Changes after the report (issue 12) ------------------------------------------------------------
// Each is sent from a page older than the episode: a person the guard lets through and whose agency
// holds the episode is answered "changed since you opened this page" (409) and nothing changes, so
// the shared target stays as it is for every other cell. Another agency's episode is not found first.

const STALE = 2_147_483_647;
const stalePage = (error: unknown): true => {
  if (error instanceof ConflictError && error.code === "STALE_VERSION") return true;
  throw error;
};
const now = () => newYorkWall(new Date());

function staleChange(name: string, permission: Permission, change: (actor: Actor, episodeId: string) => Promise<unknown>): EntryPoint {
  return { name, permission, attempt: (actor, target) => outcomeOf(() => change(actor, target.episodeId).then(() => true, stalePage)) };
}

ENTRY_POINTS.push(
  staleChange("recordSearchActivity", "episodes:record", (actor, episodeId) =>
    recordSearchActivity(actor, { episodeId, values: { version: STALE, kind: "PHONE_OR_TEXT", at: now(), contactedPerson: "", outcome: "", note: "", isLead: true } }, ctx()),
  ),
  staleChange("recordLeadPassed", "episodes:record", (actor, episodeId) =>
    recordLeadPassed(actor, { episodeId, activityId: requestId(), values: { version: STALE, passedAt: now(), passedTo: "Officer", lateReason: "" } }, ctx()),
  ),
  staleChange("recordNcicRecordsSent", "episodes:record", (actor, episodeId) => recordNcicRecordsSent(actor, { episodeId, values: { version: STALE, sentAt: now() } }, ctx())),
  staleChange("markLongTermItem", "episodes:record", (actor, episodeId) => markLongTermItem(actor, { episodeId, item: "MEDICAL_RECORDS", values: { version: STALE } }, ctx())),
  staleChange("recordRecovery", "reports:file", (actor, episodeId) => recordRecovery(actor, { episodeId, values: { version: STALE, recoveredAt: now() } }, ctx())),
  staleChange("endEpisodeWithoutRecovery", "reports:file", (actor, episodeId) =>
    endEpisodeWithoutRecovery(actor, { episodeId, values: { version: STALE, reason: "AGED_OUT", endedAt: now() } }, ctx()),
  ),
  staleChange("recordNoticeSent", "episodes:record", (actor, episodeId) =>
    recordNoticeSent(actor, { episodeId, recipient: "COURT", values: { version: STALE, sentAt: now(), lateReason: "" } }, ctx()),
  ),
  staleChange("markNoticeNotApplicable", "episodes:record", (actor, episodeId) =>
    markNoticeNotApplicable(actor, { episodeId, recipient: "TRIBE", values: { version: STALE, reason: "ICWA_DOES_NOT_APPLY", note: "" } }, ctx()),
  ),
  staleChange("saveDebrief", "reports:file", (actor, episodeId) => saveDebrief(actor, { episodeId, values: { version: STALE, harm: "" } }, ctx())),
  staleChange("recordDebriefAttempt", "reports:file", (actor, episodeId) =>
    recordDebriefAttempt(actor, { episodeId, values: { version: STALE, at: now(), result: "DECLINED", note: "" } }, ctx()),
  ),
  staleChange("acceptDebriefWithoutInterview", "episodes:approve", (actor, episodeId) => acceptDebriefWithoutInterview(actor, { episodeId, values: { version: STALE } }, ctx())),
  staleChange("completeDebrief", "reports:file", (actor, episodeId) => completeDebrief(actor, { episodeId, values: { version: STALE } }, ctx())),
  staleChange("markRanAgainBeforeDebrief", "reports:file", (actor, episodeId) => markRanAgainBeforeDebrief(actor, { episodeId, values: { version: STALE } }, ctx())),
  staleChange("recordTraffickingScreen", "reports:file", (actor, episodeId) =>
    recordTraffickingScreen(
      actor,
      { episodeId, values: { version: STALE, instrument: "CSE_IT", instrumentVersion: "", result: "NONE", screenedBy: "Screener", screenedAt: now() } },
      ctx(),
    ),
  ),
  staleChange("recordTraffickingDetermination", "reports:file", (actor, episodeId) =>
    recordTraffickingDetermination(actor, { episodeId, values: { version: STALE, sex: "NOT_A_VICTIM", labor: "NOT_A_VICTIM", informationReceivedAt: "" } }, ctx()),
  ),
  staleChange("recordTraffickingReport", "episodes:record", (actor, episodeId) =>
    recordTraffickingReport(actor, { episodeId, values: { version: STALE, agencyName: "City Police", officerName: "", caseNumber: "", reportedAt: now(), lateReason: "" } }, ctx()),
  ),
  staleChange("requestClosure", "reports:file", (actor, episodeId) => requestClosure(actor, { episodeId, values: { version: STALE, comment: "" } }, ctx())),
  staleChange("approveClosure", "episodes:approve", (actor, episodeId) => approveClosure(actor, { episodeId, values: { version: STALE, comment: "" } }, ctx())),
  staleChange("returnClosure", "episodes:approve", (actor, episodeId) => returnClosure(actor, { episodeId, values: { version: STALE, comment: "Add the placement." } }, ctx())),
  staleChange("reopenEpisode", "episodes:approve", (actor, episodeId) => reopenEpisode(actor, { episodeId, values: { version: STALE, reason: "New facts." } }, ctx())),
  staleChange("voidEpisode", "episodes:approve", (actor, episodeId) => voidEpisode(actor, { episodeId, values: { version: STALE, reason: "Entered in error." } }, ctx())),
  // Issue 14: the supervisors' review of a report, and reassignment.
  staleChange("requestReportReview", "reports:file", (actor, episodeId) => requestReportReview(actor, { episodeId, values: { version: STALE, comment: "" } }, ctx())),
  staleChange("approveReport", "episodes:approve", (actor, episodeId) => approveReport(actor, { episodeId, values: { version: STALE, comment: "" } }, ctx())),
  staleChange("returnReport", "episodes:approve", (actor, episodeId) => returnReport(actor, { episodeId, values: { version: STALE, comment: "Add the clothing." } }, ctx())),
  staleChange("reassignEpisode", "episodes:approve", (actor, episodeId) =>
    reassignEpisode(actor, { episodeId, values: { version: STALE, caseworkerId: "7f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" } }, ctx()),
  ),
);

/** Who holds what: each role alone, people holding several, and a role the code does not know. */
const HOLDERS = {
  CASEWORKER: ["CASEWORKER"],
  SUPERVISOR: ["SUPERVISOR"],
  ADMIN: ["ADMIN"],
  "CASEWORKER+SUPERVISOR": ["CASEWORKER", "SUPERVISOR"],
  "SUPERVISOR+ADMIN": ["SUPERVISOR", "ADMIN"],
  AUDITOR: ["AUDITOR"],
} as const satisfies Record<string, readonly string[]>;
const ROLES = Object.keys(HOLDERS) as (keyof typeof HOLDERS)[];

describe("authorization matrix", () => {
  const actors = new Map<string, Actor>();
  const targets = new Map<string, Target>();

  beforeAll(async () => {
    // Next compiles this flag in from next.config; without it forbidden() refuses to run.
    if (nextConfig.experimental?.authInterrupts) vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true");
    await resetDatabase();
    for (const key of ["own", "other"]) {
      const agency = await makeAgency(`${key} agency`);
      const subject = await makeUser(agency.id, "CASEWORKER");
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
      targets.set(key, { agencyId: agency.id, userId: subject.id, episodeId, caseNumber: steps.child.agencyCaseNumber, childId, returningChildId, photoId });
      if (key === "own") {
        for (const role of ROLES) {
          // The unknown role is a real, signed-in user whose role the code does not know.
          const user = await makeUser(agency.id, "CASEWORKER");
          if (role !== "AUDITOR") await db().user.update({ where: { id: user.id }, data: { roles: [...HOLDERS[role]] } });
          const actor = await signInAs(user);
          actors.set(role, role === "AUDITOR" ? actorFrom({ ...actor, roles: ["AUDITOR"] }) : actor);
          if (role === "AUDITOR") request.unknownRoleSessions.add(actor.sessionId);
        }
      }
    }
    // The cookie next-auth would have set at sign-in: a JWT carrying only the session id.
    const secret = env().NEXTAUTH_SECRET;
    if (!secret) throw new Error("NEXTAUTH_SECRET is not set: run this through npm run test:integration");
    const cookieName = `${servedOverHttps(env()) ? "__Secure-" : ""}next-auth.session-token`;
    for (const actor of actors.values()) {
      sessionCookies.set(actor, `${cookieName}=${await encode({ token: { sid: actor.sessionId }, secret })}`);
    }
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("maps every signed-in page on disk to the permission it requires", () => {
    expect([...PAGE_FILES.keys()].toSorted()).toEqual(Object.keys(PAGE_PERMISSIONS).toSorted());
  });

  // currentActor() is wrapped in React's cache(). Vitest loads React's client build, whose cache()
  // is a pass-through (the react-server build, too, memoises only inside a render), so no reset is
  // needed between cells; this proves it, or every page cell would be judged as whoever came first.
  it("resolves each page call's own signed-in person from its cookie", async () => {
    for (const role of ROLES) {
      request.cookie = sessionCookies.get(actors.get(role)!)!;
      expect((await currentActor()).roles).toEqual(HOLDERS[role]);
    }
  });

  it("allows exactly what the permission map grants, and only in the actor's own agency", async () => {
    const cells = new Map<string, number>();
    const mismatches: string[] = [];
    for (const role of ROLES) {
      for (const entry of ENTRY_POINTS) {
        for (const where of ["own", "other"] as const) {
          const granted = entry.permission !== undefined && can(HOLDERS[role], entry.permission);
          const expected: Outcome = granted && (where === "own" || entry.targetFree) ? "allowed" : "denied";
          const actual = await entry.attempt(actors.get(role)!, targets.get(where)!).catch((error: unknown) => `a thrown ${String(error)}`);
          if (actual !== expected) mismatches.push(`${role} × ${entry.name} × ${where}: expected ${expected}, got ${actual}`);
          cells.set(entry.name, (cells.get(entry.name) ?? 0) + 1);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect([...PAGE_FILES.keys()].filter((route) => cells.get(`page ${route}`) !== ROLES.length * 2)).toEqual([]);
    const total = [...cells.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(ROLES.length * (PAGE_FILES.size + 18 + 19 + 25) * 2);
    expect(total).toBe(960);

    // Every refusal by a page's guard was audited, with the route's pattern and nothing personal.
    const refused = await db().auditEvent.findMany({ where: { action: "access.refused" }, select: { actorUserId: true, outcome: true, details: true } });
    const has = (role: string, reason: string, route: string) =>
      refused.some((e) => e.actorUserId === actors.get(role)!.userId && e.outcome === "DENIED" && isDeepStrictEqual(e.details, { reason, route }));
    expect(has("SUPERVISOR", "forbidden", "/reports/new")).toBe(true);
    expect(has("CASEWORKER", "forbidden", "/admin/audit")).toBe(true);
    expect(has("AUDITOR", "forbidden", "/cases/[episodeId]")).toBe(true);
    expect(has("CASEWORKER", "not-found", "/cases/[episodeId]")).toBe(true);
    expect(has("ADMIN", "not-found", "/admin/users/[userId]")).toBe(true);
  });
});
