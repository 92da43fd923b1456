import { routeHandler } from "@/server/http/route-handler";
import { BadRequestError } from "@/server/use-case-errors";
import { generatePacket, type PacketRequest } from "@/server/packets/generate-packet";

/** GET ?variant=full|public-safe&format=pdf|json&mode=draft|final */
export const GET = routeHandler<{ episodeId: string }>(async ({ actor, request, params, requestId }) => {
  const query = new URL(request.url).searchParams;
  const variant = query.get("variant");
  const format = query.get("format");
  const mode = query.get("mode") ?? "final";
  if ((variant !== "full" && variant !== "public-safe") || (format !== "pdf" && format !== "json") || (mode !== "draft" && mode !== "final")) {
    throw new BadRequestError("Choose variant full or public-safe, format pdf or json, and mode draft or final.");
  }
  const packet = await generatePacket(actor, { episodeId: params.episodeId, variant, format, mode } as PacketRequest, { requestId });
  return new Response(Buffer.from(packet.bytes), {
    headers: {
      "content-type": packet.contentType,
      "content-disposition": `attachment; filename="${packet.filename}"`,
      "x-content-type-options": "nosniff",
    },
  });
});
