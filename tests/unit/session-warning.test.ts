import { describe, expect, it } from "vitest";
import { SESSION_WARNING_LEAD_MS, sessionDeadlines, sessionEndOf, sessionWarningAt, sessionWarningDue, timeLeftInWords } from "@/domain/session-policy";

const signedInAt = new Date("2026-03-08T06:00:00Z");
const minutes = (n: number) => n * 60 * 1000;
const seconds = (n: number) => n * 1000;
const at = (ms: number) => new Date(signedInAt.getTime() + ms);
/** The deadlines of a session signed in at `signedInAt` and last seen `lastSeen` after it. */
const seenAt = (lastSeen: number) => sessionDeadlines({ createdAt: signedInAt, lastSeenAt: at(lastSeen) });

describe("sessionWarningDue", () => {
  it.each([
    { case: "just seen", lastSeen: 0, now: 0, due: "none" },
    { case: "27 min 59 s idle", lastSeen: 0, now: minutes(27) + seconds(59), due: "none" },
    { case: "exactly 2 minutes before the idle limit", lastSeen: 0, now: minutes(28), due: "idle-soon" },
    { case: "1 minute before the idle limit", lastSeen: minutes(60), now: minutes(89), due: "idle-soon" },
    { case: "past the idle limit (a late timer)", lastSeen: 0, now: minutes(31), due: "idle-soon" },
    { case: "busy, 11 h 57 min after sign-in", lastSeen: minutes(717), now: minutes(717), due: "none" },
    { case: "busy, exactly 2 minutes before the 12 hours", lastSeen: minutes(718), now: minutes(718), due: "absolute-soon" },
    { case: "busy, 30 s before the 12 hours", lastSeen: minutes(719), now: minutes(719) + seconds(30), due: "absolute-soon" },
    // Staying signed in could not take the session past the 12 hours: no offer, whichever limit comes first.
    { case: "both limits within 2 minutes, idle first", lastSeen: minutes(689), now: minutes(718) + seconds(30), due: "absolute-soon" },
    { case: "idle limit near, the 12 hours later than 2 minutes after it", lastSeen: minutes(680), now: minutes(708), due: "idle-soon" },
  ])("$case → $due", ({ lastSeen, now, due }) => {
    expect(sessionWarningDue(seenAt(lastSeen), at(now))).toBe(due);
  });

  it("is due exactly when sessionWarningAt says, and not a millisecond before", () => {
    for (const lastSeen of [0, minutes(700), minutes(715)]) {
      const deadlines = seenAt(lastSeen);
      const warnAt = sessionWarningAt(deadlines).getTime();
      expect(sessionWarningDue(deadlines, new Date(warnAt - 1))).toBe("none");
      expect(sessionWarningDue(deadlines, new Date(warnAt))).not.toBe("none");
      expect(sessionEndOf(deadlines).getTime() - warnAt).toBe(SESSION_WARNING_LEAD_MS);
    }
  });

  it("the end is the sooner of the two limits", () => {
    expect(sessionEndOf(seenAt(0))).toEqual(at(minutes(30)));
    expect(sessionEndOf(seenAt(minutes(710)))).toEqual(at(minutes(720)));
  });
});

describe("timeLeftInWords", () => {
  it.each([
    { left: minutes(2), words: "in 2 minutes" },
    { left: minutes(2) - seconds(20), words: "in 2 minutes" },
    { left: minutes(1) + seconds(20), words: "in 1 minute" },
    { left: seconds(31), words: "in 1 minute" },
    { left: seconds(29), words: "in less than a minute" },
    { left: 1, words: "in less than a minute" },
    { left: 0, words: "now" },
    { left: -seconds(5), words: "now" },
  ])("$left ms → $words", ({ left, words }) => {
    expect(timeLeftInWords(left)).toBe(words);
  });
});
