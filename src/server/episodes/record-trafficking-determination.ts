import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { episodeProgress } from "@/domain/episode-progress";
import { ZTraffickingDeterminationSchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { checkedInstant } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Records whether the child is a victim of sex trafficking and, separately, of labor trafficking
 * (not a victim, suspected, confirmed), and when the agency received the information that identified
 * the child: required for a suspected or confirmed finding, not in the future, not before the child
 * was last seen. At any time once the missing event is saved (while missing too). The domain starts
 * the trafficking report's clock from that time when the agency's rule calls for a report. Refused
 * when a trafficking report already recorded would then come before that time, or be late without a reason.
 */
export async function recordTraffickingDetermination(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZTraffickingDeterminationSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "reports:file", change: "trafficking", version: form.version }, async ({ tx, loaded, who, now }) => {
    const { facts, rules } = loaded;
    const event = facts.missingEvent;
    if (!event) throw new EpisodeRefusedError("trafficking", "no-missing-event", "Save the missing event (step 2) before recording a trafficking determination.");
    const informationReceivedAt =
      form.informationReceivedAt === ""
        ? null
        : checkedInstant("informationReceivedAt", form.informationReceivedAt, {
            timeZone: facts.timeZone,
            now,
            what: "the agency received the information",
            notBefore: { at: event.lastSeenAt, what: "the child was last seen" },
          });
    const determination = { sex: form.sex, labor: form.labor, informationReceivedAt };
    const report = facts.traffickingReport;
    if (report && informationReceivedAt) {
      if (report.reportedAt.getTime() < informationReceivedAt.getTime()) {
        throw new ValidationError({ informationReceivedAt: "The trafficking report to law enforcement is recorded before this time. Check both times." });
      }
      const clock = episodeProgress({ ...facts, determination: { ...determination, recordedById: actor.userId, recordedAt: now } }, now, rules).trafficking.clock;
      if (clock?.state === "late" && !report.lateReason) {
        throw new ValidationError({ informationReceivedAt: "With this time the trafficking report to law enforcement would be late, and it has no reason recorded. Check the time, or record the report again with the reason first." });
      }
    }
    await tx.traffickingDetermination.upsert({
      where: { episodeId: facts.id },
      create: { ...determination, episodeId: facts.id, agencyId: facts.agencyId, recordedById: actor.userId, recordedAt: now },
      update: { ...determination, recordedById: actor.userId, recordedAt: now },
    });
    await audit(tx, who, "trafficking.determination_recorded", { target: { type: "Episode", id: facts.id } });
    return {};
  });
}
