import { debriefRoute } from "@/server/episodes/debrief-route";
import { markRanAgainBeforeDebrief } from "@/server/episodes/mark-ran-again-before-debrief";

/** POST: records the debrief as not held: the child ran again before it. */
export const POST = debriefRoute(markRanAgainBeforeDebrief);
