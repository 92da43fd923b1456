import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ZNcicRecordsSentSchema } from "@/lib/schemas/episode-search";
import { EpisodeRefusedError } from "./change-episode";
import { changeSearch, searchInstant } from "./search-change";

/**
 * Records when the child's medical and dental records and a recent photo were sent to law
 * enforcement for its 30-day update of the NCIC record (not before the entry, not in the future);
 * recording it again corrects it. Refused while the time of the NCIC entry is not known, and when
 * the child was found before the records were due.
 */
export async function recordNcicRecordsSent(
  actor: Actor,
  input: { episodeId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  return changeSearch(actor, input, context, ZNcicRecordsSentSchema, async ({ tx, loaded, progress, who, now }, form) => {
    const { facts } = loaded;
    const clock = progress.ncicUpdate;
    if (!clock) {
      throw facts.lawEnforcement?.ncicEnteredAt
        ? new EpisodeRefusedError("search", "ncic-update-moot", "The child was found before the records for the NCIC update were due, so they no longer need to be sent.")
        : new EpisodeRefusedError("search", "ncic-entry-unknown", "Record when law enforcement entered the child into NCIC (on the law-enforcement step) first: the update's deadline runs from it.");
    }
    const sentAt = searchInstant("sentAt", form.sentAt, facts.timeZone, now, { at: clock.startedAt, what: "the child was entered into NCIC" });
    await tx.episode.update({ where: { id: facts.id }, data: { ncicRecordsSentAt: sentAt, ncicRecordsSentById: actor.userId } });
    const late = sentAt.getTime() > clock.deadline.getTime();
    await audit(tx, who, "search.ncic_records_sent", { target: { type: "Episode", id: facts.id }, details: { late, corrected: facts.ncicRecordsSentAt !== null } });
    return {};
  });
}
