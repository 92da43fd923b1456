import { debriefRoute } from "@/server/episodes/debrief-route";
import { recordTraffickingDetermination } from "@/server/episodes/record-trafficking-determination";

/** POST: records the trafficking determination and when the agency received the information. */
export const POST = debriefRoute(recordTraffickingDetermination);
