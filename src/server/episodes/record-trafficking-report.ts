import "server-only";
import type { Actor } from "@/server/authz/guard";
import { audit } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { ZTraffickingReportSchema } from "@/lib/schemas/episode-debrief";
import { changeEpisode, EpisodeRefusedError } from "./change-episode";
import { checkedInstant } from "./debrief-checks";
import { parseStep } from "./field-errors";

/**
 * Records the report of an identified trafficking victim to law enforcement, like the first report:
 * the agency, officer, case number and when law enforcement was told (in the agency's zone, not in
 * the future, not before the agency received the information), with the reason when after the
 * clock's deadline. Refused when the determination and the agency's rule owe no report.
 */
export async function recordTraffickingReport(actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }): Promise<{ version: number }> {
  const form = parseStep(ZTraffickingReportSchema, input.values);
  return changeEpisode(actor, input.episodeId, context, { permission: "episodes:record", change: "trafficking", version: form.version }, async ({ tx, loaded, progress, who, now }) => {
    const { facts } = loaded;
    const { owed, clock } = progress.trafficking;
    if (!owed) {
      throw new EpisodeRefusedError("trafficking", "not-owed", "No trafficking report to law enforcement is owed: the determination does not identify the child as a victim for whom the agency reports.");
    }
    if (!clock) {
      throw new EpisodeRefusedError("trafficking", "no-information-time", "Record when the agency received the information that identified the child before recording the report.");
    }
    const reportedAt = checkedInstant("reportedAt", form.reportedAt, {
      timeZone: facts.timeZone,
      now,
      what: "law enforcement was told",
      notBefore: { at: clock.startedAt, what: "the agency received the information that identified the child" },
    });
    const late = reportedAt.getTime() > clock.deadline.getTime();
    if (late && form.lateReason === "") {
      throw new ValidationError({
        lateReason: `Law enforcement was told after the deadline (${clock.ruleHours} hours after the agency received the information). Say why; the reason is kept with the report.`,
      });
    }
    const values = {
      agencyName: form.agencyName,
      officerName: form.officerName === "" ? null : form.officerName,
      caseNumber: form.caseNumber === "" ? null : form.caseNumber,
      reportedAt,
      lateReason: late ? form.lateReason : null,
      recordedById: actor.userId,
      recordedAt: now,
    };
    await tx.traffickingReport.upsert({
      where: { episodeId: facts.id },
      create: { ...values, episodeId: facts.id, agencyId: facts.agencyId },
      update: values,
    });
    await audit(tx, who, "trafficking.report_recorded", { target: { type: "Episode", id: facts.id }, details: { late } });
    return {};
  });
}
