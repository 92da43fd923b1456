import { debriefRoute } from "@/server/episodes/debrief-route";
import { recordTraffickingScreen } from "@/server/episodes/record-trafficking-screen";

/** POST: records a trafficking screen's result. */
export const POST = debriefRoute(recordTraffickingScreen);
