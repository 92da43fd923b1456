import { routeHandler } from "@/server/http/route-handler";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

/** POST: marks the person's unread notices as read. */
export const POST = routeHandler(async ({ actor, requestId }) => Response.json(await markNotificationsRead(actor, { requestId })));
