import { routeHandler } from "@/server/http/route-handler";
import { removePhoto } from "@/server/photos/remove-photo";

export const DELETE = routeHandler<{ episodeId: string; photoId: string }>(async ({ actor, params, requestId }) => {
  await removePhoto(actor, params, { requestId });
  return new Response(null, { status: 204 });
});
