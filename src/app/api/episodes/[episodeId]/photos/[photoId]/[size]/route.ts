import { routeHandler } from "@/server/http/route-handler";
import { readPhoto } from "@/server/photos/read-photo";

/** The stored JPEG (display or thumbnail); another agency's photo is a 404, whatever the URL. */
export const GET = routeHandler<{ episodeId: string; photoId: string; size: string }>(async ({ actor, params, requestId }) => {
  const bytes = await readPhoto(actor, params, { requestId });
  return new Response(new Uint8Array(bytes), { headers: { "content-type": "image/jpeg", "x-content-type-options": "nosniff" } });
});
