import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZSearchActivitySchema } from "@/lib/schemas/episode-search";
import { EpisodeRefusedError } from "./change-episode";
import { changeSearch, searchInstant } from "./search-change";

/**
 * Records one thing done to find the child: its kind, when (in the agency's time zone, not in the
 * future, not before the child was last seen), the person contacted, the outcome, a note, and
 * whether it gave a lead (a lead's clock to pass it to law enforcement starts at its time).
 * Refused while the missing event is not saved, and once the child is no longer missing.
 */
export async function recordSearchActivity(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ activityId: string; version: number }> {
  return changeSearch(actor, input, context, ZSearchActivitySchema, async ({ tx, loaded, progress, who, now }, form) => {
    const { facts } = loaded;
    const event = facts.missingEvent;
    if (!event) throw new EpisodeRefusedError("search", "missing-event-not-saved", "Save the step about when and where the child went missing before recording the search.");
    if (!progress.missing) throw new EpisodeRefusedError("search", "not-missing", "The child is no longer missing: the search log is closed.");
    const at = searchInstant("at", form.at, facts.timeZone, now, { at: event.lastSeenAt, what: "the child was last seen" });
    const activity = await tx.searchActivity.create({
      data: {
        agencyId: facts.agencyId,
        episodeId: facts.id,
        kind: form.kind,
        at,
        contactedPerson: form.contactedPerson,
        outcome: form.outcome,
        note: form.note,
        isLead: form.isLead,
        recordedById: actor.userId,
        recordedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, who, "search.activity_recorded", { target: { type: "Episode", id: facts.id }, details: { activityId: activity.id, kind: form.kind, isLead: form.isLead } });
    return { activityId: activity.id };
  });
}
