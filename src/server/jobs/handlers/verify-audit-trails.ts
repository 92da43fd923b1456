import "server-only";
import { checkAllChainsFromStart } from "@/server/audit/audit-checkpoints";
import { logJobEvent } from "@/server/jobs/log-job";

/**
 * The nightly check of every audit chain from its start (decision 024). Its findings are recorded
 * on the chains' checkpoints, which the admins' audit page shows; the log line has counts only.
 */
export async function verifyAuditTrailsJob(now: Date): Promise<{ chains: number; events: number; problems: number }> {
  const reports = await checkAllChainsFromStart(now);
  const result = { chains: reports.length, events: reports.reduce((sum, report) => sum + report.events, 0), problems: reports.filter((report) => report.problem).length };
  logJobEvent(result.problems > 0 ? "error" : "info", "audit.chains_checked", result);
  return result;
}
