import { z } from "zod";
import { PACKET_SCHEMA_VERSION, ZPacketSchema } from "@/domain/packet";

/** The packet's JSON Schema, generated from the same zod schema the server validates with. */
export function packetJsonSchema() {
  return {
    $id: `https://homeward.invalid/schemas/ncmec-packet/${PACKET_SCHEMA_VERSION}.json`,
    title: "Homeward NCMEC report packet",
    description: "A missing-from-care report packet for NCMEC (variant full) or for publicity (variant public-safe).",
    ...z.toJSONSchema(ZPacketSchema, { target: "draft-2020-12" }),
  };
}
