import "server-only";
import { remindDueClocks } from "@/server/reminders/remind-due-clocks";

/** The minute's sweep of running clocks (src/server/reminders/remind-due-clocks.ts), at the time it runs. */
export function remindDueClocksJob(context: { requestId: string }): Promise<{ reminders: number; people: number }> {
  return remindDueClocks({ requestId: context.requestId, now: new Date() });
}
