import { z } from "zod";
import { calendarDate } from "@/lib/schemas/fields";

/** The fields sent with a photo upload; the file itself is checked on the server. */
export const ZPhotoUploadSchema = z.object({
  takenOn: calendarDate("Enter the date the photo was taken"),
  attest: z.literal("yes", "Confirm the statement about the photo to upload it"),
});

export type TPhotoUpload = z.infer<typeof ZPhotoUploadSchema>;

/** The answer to an accepted upload. */
export const ZPhotoAddedSchema = z.object({ photoId: z.string(), olderThanRecentLimit: z.boolean() });
export type TPhotoAdded = z.infer<typeof ZPhotoAddedSchema>;
