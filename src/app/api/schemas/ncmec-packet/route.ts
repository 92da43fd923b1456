import { packetJsonSchema } from "@/lib/packet-json-schema";

/** The JSON Schema of the packet's JSON rendering (also committed as docs/ncmec-packet.schema.json). */
export function GET() {
  return Response.json(packetJsonSchema(), { headers: { "content-type": "application/schema+json" } });
}
