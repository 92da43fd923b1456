import { debriefRoute } from "@/server/episodes/debrief-route";
import { acceptDebriefWithoutInterview } from "@/server/episodes/accept-debrief-without-interview";

/** POST: a supervisor accepts the debrief without an interview, after documented attempts. */
export const POST = debriefRoute(acceptDebriefWithoutInterview);
