import "server-only";
import type { Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { ValidationError } from "@/server/use-case-errors";
import { audit } from "@/server/audit/audit";
import { ZLeadPassedSchema } from "@/lib/schemas/episode-search";
import { EpisodeRefusedError } from "./change-episode";
import { changeSearch, searchInstant } from "./search-change";

/**
 * Records that a lead from the search was passed to law enforcement: when (not before the activity
 * that gave it, not in the future), to whom, and why when after the lead's deadline. Recording it
 * again corrects it. An activity that is not a lead of this episode is not found; a lead whose clock
 * the child's return made moot (found before it was due, never passed on) is refused.
 */
export async function recordLeadPassed(
  actor: Actor,
  input: { episodeId: string; activityId: string; values: unknown },
  context: { requestId: string; now?: Date },
): Promise<{ version: number }> {
  return changeSearch(actor, input, context, ZLeadPassedSchema, async ({ tx, loaded, progress, who, now }, form) => {
    const { facts } = loaded;
    const activity = facts.searchActivities.find((candidate) => candidate.id === input.activityId && candidate.isLead);
    if (!activity) throw new NotFoundError();
    const lead = progress.leads.find((candidate) => candidate.activity.id === activity.id);
    if (!lead) throw new EpisodeRefusedError("search", "lead-moot", "The child was found before this lead was due to be passed on, so it no longer needs to be.");
    const passedAt = searchInstant("passedAt", form.passedAt, facts.timeZone, now, { at: activity.at, what: "the activity that gave the lead" });
    const late = passedAt.getTime() > lead.clock.deadline.getTime();
    if (late && form.lateReason === "") {
      throw new ValidationError({
        lateReason: `This is after the deadline (${lead.clock.ruleHours} hours after the activity that gave the lead). Please say why; the reason is kept with the lead.`,
      });
    }
    await tx.searchActivity.update({
      where: { id: activity.id, episodeId: facts.id },
      data: { leadPassedAt: passedAt, leadPassedTo: form.passedTo, leadLateReason: late ? form.lateReason : null },
    });
    await audit(tx, who, "search.lead_passed", { target: { type: "Episode", id: facts.id }, details: { activityId: activity.id, late, corrected: activity.leadPassedAt !== null } });
    return {};
  });
}
