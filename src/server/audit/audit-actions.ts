import { z } from "zod";

/** Every kind of event the audit trail records. Add to this list; never rename a value. */
export const ZAuditActionSchema = z.enum([
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_refused_locked",
  "auth.locked",
  "auth.sign_out",
  "auth.session_ended",
  "authz.denied",
  "users.listed",
  "user.viewed",
  "audit.viewed",
  "children.searched",
  "child.created",
  "child.updated",
  "episode.created",
  "episode.viewed",
  "episode.step_saved",
  "episode.submitted",
  "episodes.listed",
  "law_enforcement.recorded",
  "ncmec.recorded",
  "photo.added",
  "photo.removed",
  "packet.generated",
]);
export type TAuditAction = z.infer<typeof ZAuditActionSchema>;
