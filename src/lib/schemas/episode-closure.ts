import { z } from "zod";
import { longText, pageVersion } from "./fields";

const version = pageVersion;

/** Asking for closure (or approving it): an optional comment, e.g. the answer to a supervisor's. */
export const ZClosureCommentSchema = z.object({ version, comment: z._default(longText(null, 2000), "") }).strict();
export type TClosureComment = z.infer<typeof ZClosureCommentSchema>;

/** Returning a closure: the comment the caseworker will see and answer is required. */
export const ZClosureReturnSchema = z
  .object({ version, comment: longText("Write what the caseworker must do before this episode can close.", 2000) })
  .strict();
export type TClosureReturn = z.infer<typeof ZClosureReturnSchema>;

/** Reopening a closed episode. */
export const ZReopenSchema = z.object({ version, reason: longText("Give the reason for reopening this episode.", 2000) }).strict();
export type TReopen = z.infer<typeof ZReopenSchema>;

/** Voiding an episode entered in error. */
export const ZVoidSchema = z.object({ version, reason: longText("Give the reason this episode was entered in error.", 2000) }).strict();
export type TVoid = z.infer<typeof ZVoidSchema>;
