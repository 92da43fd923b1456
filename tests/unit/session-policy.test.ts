import { describe, expect, it } from "vitest";
import { judgeSession, sessionUseToRecord } from "@/domain/session-policy";

const signedInAt = new Date("2026-03-08T06:00:00Z");
const minutes = (n: number) => n * 60 * 1000;
const at = (ms: number) => new Date(signedInAt.getTime() + ms);

describe("judgeSession", () => {
  it.each([
    { case: "just signed in", lastSeen: 0, now: 0, verdict: "active" },
    { case: "29 minutes idle", lastSeen: 0, now: minutes(29), verdict: "active" },
    { case: "exactly 30 minutes idle", lastSeen: 0, now: minutes(30), verdict: "idle" },
    { case: "31 minutes idle", lastSeen: minutes(60), now: minutes(91), verdict: "idle" },
    { case: "busy for 11 h 59 min", lastSeen: minutes(718), now: minutes(719), verdict: "active" },
    { case: "busy, but 12 hours after sign-in", lastSeen: minutes(719), now: minutes(720), verdict: "expired" },
    { case: "13 hours after sign-in and idle too", lastSeen: 0, now: minutes(780), verdict: "expired" },
  ])("$case → $verdict", ({ lastSeen, now, verdict }) => {
    expect(judgeSession({ createdAt: signedInAt, lastSeenAt: at(lastSeen), endedAt: null }, at(now))).toBe(verdict);
  });

  it("an ended session stays ended, however recent", () => {
    expect(judgeSession({ createdAt: signedInAt, lastSeenAt: signedInAt, endedAt: at(1) }, at(2))).toBe("ended");
  });
});

describe("recording a session's use", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 5, 12, 0, seconds));
  it("is written once a minute at most: not again within the minute, again from the minute on", () => {
    expect(sessionUseToRecord(at(0), at(0))).toBe(false);
    expect(sessionUseToRecord(at(0), at(59))).toBe(false);
    expect(sessionUseToRecord(at(0), at(60))).toBe(true);
    expect(sessionUseToRecord(at(0), at(1800))).toBe(true);
  });
});
