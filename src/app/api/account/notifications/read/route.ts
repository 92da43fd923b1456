import { routeHandler } from "@/server/http/route-handler";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

/** POST: marks every unread notification of the person as read. */
export const POST = routeHandler(async ({ actor, requestId }) => Response.json(await markNotificationsRead(actor, { requestId })));
