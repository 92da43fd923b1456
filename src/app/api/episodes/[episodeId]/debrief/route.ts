import { debriefRoute } from "@/server/episodes/debrief-route";
import { saveDebrief } from "@/server/episodes/save-debrief";

/** POST: saves the return debrief's answers (any of them); the body is the debrief form. */
export const POST = debriefRoute(saveDebrief);
