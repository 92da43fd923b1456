import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { ConflictError } from "@/server/use-case-errors";
import { buildFullPacket, toPublicSafe, ZPacketSchema, type Packet } from "@/domain/packet";
import { loadPacketSource } from "./load-packet-source";
import { renderPacketPdf } from "./render-packet-pdf";

export type PacketRequest = { episodeId: string; variant: "full" | "public-safe"; format: "pdf" | "json"; mode: "draft" | "final" };

/**
 * Builds the packet from one data object (loaded through the agency scope), renders it as PDF or
 * JSON, and audits the generation with a hash of the bytes. A final packet needs a complete report.
 */
export async function generatePacket(
  actor: Actor,
  request: PacketRequest,
  context: { requestId: string; now?: Date },
): Promise<{ bytes: Uint8Array; contentType: string; filename: string; packet: Packet }> {
  assertCan(actor, "cases:view");
  const now = context.now ?? new Date();
  return db().$transaction(
    async (tx) => {
      const source = await loadPacketSource(tx, actor, request.episodeId);
      if (request.mode === "final" && !source.complete) {
        throw new ConflictError("INCOMPLETE", "The final packet needs every step up to the guardian saved. Download a draft instead.");
      }
      const full = buildFullPacket({ ...source, complete: request.mode === "final" }, now);
      const packet = ZPacketSchema.parse(request.variant === "full" ? full : toPublicSafe(full));
      const bytes = request.format === "pdf" ? await renderPacketPdf(packet) : new TextEncoder().encode(JSON.stringify(packet, null, 2));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await recordAuditEvent(tx, {
        action: "packet.generated",
        outcome: "SUCCESS",
        requestId: context.requestId,
        actorUserId: actor.userId,
        agencyId: actor.agency.id,
        target: { type: "Episode", id: source.episode.id },
        details: { variant: request.variant, format: request.format, status: packet.status, sha256 },
      });
      const name = `homeward-${request.variant}-${packet.status}-${source.episode.id.slice(0, 8)}.${request.format}`;
      return { bytes, contentType: request.format === "pdf" ? "application/pdf" : "application/json", filename: name, packet };
    },
    { timeout: 30_000 },
  );
}
