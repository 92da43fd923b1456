import "server-only";
import { wallTimeToInstant } from "@/domain/zoned-time";
import { ValidationError } from "@/server/use-case-errors";

/** A form's local date and time in the agency's zone, as an instant; a time skipped by DST is refused. */
export function instantFromForm(field: string, wall: string, timeZone: string): Date {
  const result = wallTimeToInstant(wall, timeZone);
  if (result.ok) return result.instant;
  const zone = timeZone.split("/").pop()?.replaceAll("_", " ") ?? timeZone;
  throw new ValidationError({
    [field]:
      result.reason === "nonexistent"
        ? `That time did not happen in ${zone}: the clocks moved forward an hour. Enter a time before or after the change.`
        : "Enter a real date and time",
  });
}
