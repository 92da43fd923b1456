import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { notifyUser } from "@/server/notifications/notify-user";
import { ZReassignSchema } from "@/lib/schemas/episode-review";
import { changeEpisode, EpisodeChoiceRefusedError, EpisodeRefusedError } from "./change-episode";
import { parseStep } from "./field-errors";
import { assignEpisode } from "./assign-episode";

/**
 * A supervisor gives an open episode to another active caseworker of the agency. Refused (audited,
 * nothing changed) for a closed or voided episode, and for a person who cannot take it: not one of
 * the agency's people (said as not found, next to the field), deactivated, not a caseworker, or the
 * caseworker it is already with. The assignment history keeps who had it when (the on-time rate
 * reads it); both caseworkers are told in the app, the former one only while their account is active.
 */
export async function reassignEpisode(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  assertCan(actor, "episodes:approve");
  const form = parseStep(ZReassignSchema, input.values);
  // A closed or voided episode is refused here rather than by changeEpisode, so that the refusal is audited.
  const options = { permission: "episodes:approve", change: "reassign", version: form.version, allowClosed: true } as const;
  return changeEpisode(actor, input.episodeId, context, options, async ({ tx, loaded, who, now }) => {
    const { facts } = loaded;
    if (facts.voided) throw new EpisodeRefusedError("reassign", "voided", "This episode was voided (entered in error): it cannot be reassigned.");
    if (facts.closedAt) throw new EpisodeRefusedError("reassign", "closed", "This episode is closed: reopen it before reassigning it.");
    const person = await tx.user.findFirst({ where: { id: form.caseworkerId, agencyId: facts.agencyId }, select: { id: true, active: true, roles: true } });
    if (!person) throw new EpisodeChoiceRefusedError("reassign", "not-found", { caseworkerId: "That person is not one of your agency's people. Choose a caseworker from the list." });
    if (person.id === facts.caseworkerId) throw new EpisodeChoiceRefusedError("reassign", "current-caseworker", { caseworkerId: "The case is already with this caseworker. Choose another one." });
    if (!person.active) throw new EpisodeChoiceRefusedError("reassign", "inactive", { caseworkerId: "This person's account is deactivated. Choose an active caseworker." });
    if (!person.roles.includes("CASEWORKER")) throw new EpisodeChoiceRefusedError("reassign", "not-a-caseworker", { caseworkerId: "This person is not a caseworker. Choose a caseworker from the list." });

    const from = await tx.user.findUniqueOrThrow({ where: { id: facts.caseworkerId }, select: { id: true, active: true } });
    await assignEpisode(tx, { agencyId: facts.agencyId, episodeId: facts.id, caseworkerId: person.id, assignedById: actor.userId, at: now });
    const key = `${facts.id}:${now.toISOString()}`;
    await notifyUser(tx, { key: `episode.assigned_to_you:${key}:${person.id}`, agencyId: facts.agencyId, userId: person.id, kind: "episode.assigned_to_you", details: { episodeId: facts.id } });
    if (from.active) {
      await notifyUser(tx, { key: `episode.assigned_away:${key}:${from.id}`, agencyId: facts.agencyId, userId: from.id, kind: "episode.assigned_away", details: { episodeId: facts.id } });
    }
    await audit(tx, who, "episode.reassigned", { target: { type: "Episode", id: facts.id }, details: { fromUserId: from.id, toUserId: person.id } });
    return {};
  });
}
