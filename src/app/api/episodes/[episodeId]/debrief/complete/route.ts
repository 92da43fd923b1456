import { debriefRoute } from "@/server/episodes/debrief-route";
import { completeDebrief } from "@/server/episodes/complete-debrief";

/** POST: marks the debrief complete, or answers what is still missing. */
export const POST = debriefRoute(completeDebrief);
