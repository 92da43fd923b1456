/** The statement a caseworker attests to for each photo, as NCMEC asks. Kept with every photo verbatim. */
export const PHOTO_ATTESTATION =
  "I confirm that this photo shows the missing child. NCMEC may publish and distribute it in any format, and may enhance or age-progress it. The agency will send NCMEC updates on the child's appearance.";

export { RECENT_PHOTO_DAYS } from "@/domain/photo-age";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_PIXELS = 40_000_000;
