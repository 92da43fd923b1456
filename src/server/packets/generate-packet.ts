import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { enforceRateLimits } from "@/server/rate-limit/rate-limit";
import { buildFullPacket, toPublicSafe, ZPacketSchema, type Packet } from "@/domain/packet";
import { loadPacketSource } from "./load-packet-source";
import { renderPacketPdf } from "./render-packet-pdf";

export const PACKET_VARIANTS = ["full", "public-safe"] as const;
export const PACKET_FORMATS = ["pdf", "json"] as const;
export type PacketRequest = { episodeId: string; variant: (typeof PACKET_VARIANTS)[number]; format: (typeof PACKET_FORMATS)[number] };

/**
 * Builds the packet from one data object (loaded through the agency scope), renders it as PDF or
 * JSON, and audits the generation with a hash of the bytes. Draft or final is decided here, by
 * episodeProgress(): a packet is final once every information step is saved.
 */
export async function generatePacket(
  actor: Actor,
  request: PacketRequest,
  context: { requestId: string; now?: Date },
): Promise<{ bytes: Uint8Array; contentType: string; filename: string; packet: Packet }> {
  assertCan(actor, "cases:view");
  const now = context.now ?? new Date();
  await enforceRateLimits([{ limit: "packet", subject: actor.userId }], auditWho(actor, context.requestId), { now });
  return db().$transaction(
    async (tx) => {
      const source = await loadPacketSource(tx, actor, request.episodeId);
      const full = buildFullPacket(source, now);
      const packet = ZPacketSchema.parse(request.variant === "full" ? full : toPublicSafe(full));
      const bytes = request.format === "pdf" ? await renderPacketPdf(packet) : new TextEncoder().encode(JSON.stringify(packet, null, 2));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await audit(tx, auditWho(actor, context.requestId), "packet.generated", {
        target: { type: "Episode", id: source.facts.id },
        details: { variant: request.variant, format: request.format, status: packet.status, sha256 },
      });
      // The public-safe packet goes to the press and onto posters: its name says nothing of the agency or foster care.
      const stem = request.variant === "full" ? "homeward-full" : "missing-child";
      const name = `${stem}-${packet.status}-${source.facts.id.slice(0, 8)}.${request.format}`;
      return { bytes, contentType: request.format === "pdf" ? "application/pdf" : "application/json", filename: name, packet };
    },
    { timeout: 30_000 },
  );
}
