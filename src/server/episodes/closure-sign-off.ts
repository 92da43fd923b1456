import "server-only";
import type { Tx } from "@/server/db";
import type { Actor } from "@/server/authz/guard";
import { signOffRefusal, type SignOffContext, type SignOffRefusal } from "@/domain/episode-closure";
import type { EpisodeFacts } from "@/domain/episode-facts";
import { onCallOf } from "@/server/teams/on-call-of";
import { supervisorsOf } from "@/server/teams/supervisors-of";
import { notifyUser } from "@/server/notifications/notify-user";
import type { NotificationKind } from "@/server/notifications/notification-kinds";
import { EpisodeRefusedError, type EpisodeChangeName } from "./change-episode";

/**
 * Refuses (audited, nothing changed) unless the actor may decide on this episode: sign off its
 * closure, or review its report (`refusalOf`, reviewRefusal(), says so in a report's words). Both
 * follow signOffRefusal(): a supervisor of the caseworker's team or one on the agency's on-call
 * list, never for their own episode.
 */
export async function assertMaySignOff(
  tx: Tx,
  actor: Actor,
  facts: Pick<EpisodeFacts, "agencyId" | "caseworkerId">,
  change: EpisodeChangeName,
  refusalOf: (context: SignOffContext) => SignOffRefusal | null = signOffRefusal,
): Promise<void> {
  const [teamSupervisors, onCall] = await Promise.all([supervisorsOf(tx, facts.caseworkerId), onCallOf(tx, facts.agencyId)]);
  const refusal = refusalOf({
    actorId: actor.userId,
    actorIsSupervisor: actor.roles.includes("SUPERVISOR"),
    caseworkerId: facts.caseworkerId,
    teamSupervisorIds: teamSupervisors.map((person) => person.id),
    onCallIds: onCall.map((person) => person.id),
  });
  if (refusal) throw new EpisodeRefusedError(change, refusal.code.toLowerCase().replaceAll("_", "-"), refusal.message);
}

/**
 * Who is asked to sign off a closure or review a report: the supervisors of the caseworker's team,
 * or the on-call list when the team has none; never the caseworker themself.
 */
export async function supervisorsToAsk(tx: Tx, facts: Pick<EpisodeFacts, "agencyId" | "caseworkerId">): Promise<string[]> {
  const team = await supervisorsOf(tx, facts.caseworkerId);
  const people = team.length > 0 ? team : await onCallOf(tx, facts.agencyId);
  return people.map((person) => person.id).filter((id) => id !== facts.caseworkerId);
}

/** Tells each person in the app (and by e-mail when configured) once per approval entry; the words carry no child's data. */
export async function notifyApprovalEntry(
  tx: Tx,
  input: { agencyId: string; episodeId: string; entryId: string; kind: NotificationKind; userIds: readonly string[] },
): Promise<void> {
  for (const userId of input.userIds) {
    await notifyUser(tx, { key: `${input.kind}:${input.entryId}:${userId}`, agencyId: input.agencyId, userId, kind: input.kind, details: { episodeId: input.episodeId } });
  }
}
