import { routeHandler } from "@/server/http/route-handler";
import { markNotificationRead } from "@/server/notifications/mark-notification-read";

/** POST: marks one of the person's own notifications as read (another's is not found). */
export const POST = routeHandler<{ notificationId: string }>(async ({ actor, params, requestId }) =>
  Response.json(await markNotificationRead(actor, { notificationId: params.notificationId }, { requestId })),
);
