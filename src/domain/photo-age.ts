import { calendarDateIn, dateColumnOf } from "./zoned-time";

/** Law enforcement must update NCIC with a photo taken within this many days (34 U.S.C. 41308). */
export const RECENT_PHOTO_DAYS = 180;

/** Whether a photo taken on `takenOn` ("YYYY-MM-DD") is older than that, counted in the agency's calendar. */
export function isOlderThanRecentLimit(takenOn: string, now: Date, timeZone: string): boolean {
  const today = dateColumnOf(calendarDateIn(now, timeZone));
  return (today.getTime() - dateColumnOf(takenOn).getTime()) / 86_400_000 > RECENT_PHOTO_DAYS;
}
