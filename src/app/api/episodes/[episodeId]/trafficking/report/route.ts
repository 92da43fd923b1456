import { debriefRoute } from "@/server/episodes/debrief-route";
import { recordTraffickingReport } from "@/server/episodes/record-trafficking-report";

/** POST: records the report of an identified trafficking victim to law enforcement. */
export const POST = debriefRoute(recordTraffickingReport);
