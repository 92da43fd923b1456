import { debriefRoute } from "@/server/episodes/debrief-route";
import { recordDebriefAttempt } from "@/server/episodes/record-debrief-attempt";

/** POST: records an attempt to debrief the child that did not happen. */
export const POST = debriefRoute(recordDebriefAttempt);
