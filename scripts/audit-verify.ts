/**
 * npm run audit:verify — checks every audit chain of the database in use from its start and names
 * the first event that does not match its hash, a removed event, or a cut-off end, and records each
 * chain's end as a check from the start (the admins' audit page shows when; decision 024). Exit
 * code 0 when every chain verifies, 1 otherwise. Run by scripts/run.ts with DATABASE_URL set.
 */
import { db } from "../src/server/db";
import { strandOf, trailAnchor } from "../src/server/audit/audit-chain";
import { checkAllChainsFromStart } from "../src/server/audit/audit-checkpoints";

async function main(): Promise<number> {
  const reports = await checkAllChainsFromStart(new Date());
  const agencies = await db().agency.findMany({ select: { id: true, name: true } });
  const nameOf = (key: string) => (key === "" ? "events of no agency" : (agencies.find((a) => a.id === key)?.name ?? `agency ${key}`));
  const trails = new Map<string, typeof reports>();
  for (const report of reports) {
    const { agencyKey } = strandOf(report.chainKey);
    trails.set(agencyKey, [...(trails.get(agencyKey) ?? []), report]);
  }
  for (const [agencyKey, strands] of trails) {
    for (const report of strands) {
      const status = report.problem ? `DOES NOT VERIFY — ${report.problem.message}` : "verifies";
      console.log(`${nameOf(agencyKey)}, strand ${strandOf(report.chainKey).strand + 1}: ${report.events} events, latest hash ${report.lastHash}: ${status}`);
    }
    console.log(`${nameOf(agencyKey)}: anchor ${trailAnchor(strands)}`);
  }
  const broken = reports.filter((r) => r.problem);
  console.log(broken.length === 0 ? `All ${reports.length} audit chains verify.` : `${broken.length} of ${reports.length} audit chains do not verify.`);
  return broken.length === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
    await db().$disconnect();
    process.exit(2);
  });
