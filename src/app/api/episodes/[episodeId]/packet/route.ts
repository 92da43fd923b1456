import { routeHandler } from "@/server/http/route-handler";
import { BadRequestError } from "@/server/use-case-errors";
import { generatePacket, PACKET_FORMATS, PACKET_VARIANTS } from "@/server/packets/generate-packet";

const oneOf = <T extends string>(values: readonly T[], value: string | null): value is T => values.some((v) => v === value);

/** GET ?variant=full|public-safe&format=pdf|json — draft or final is the server's decision, not the URL's. */
export const GET = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const query = new URL(request.url).searchParams;
  const variant = query.get("variant");
  const format = query.get("format");
  if (!oneOf(PACKET_VARIANTS, variant) || !oneOf(PACKET_FORMATS, format)) {
    throw new BadRequestError("Choose variant full or public-safe, and format pdf or json.");
  }
  const packet = await generatePacket(actor, { episodeId: params.episodeId, variant, format }, { requestId });
  return new Response(Buffer.from(packet.bytes), {
    headers: {
      "content-type": packet.contentType,
      "content-disposition": `attachment; filename="${packet.filename}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
