import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_SETTINGS, REMINDER_AUDIENCE, reminderDue, reminderSchedule, reminderSettingsOf, reminderSettingsProblems } from "@/domain/clock-reminders";
import { deadlineAfter } from "@/domain/clocks";

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

/** A 24-hour clock started at `startedAt`, met at `doneAt`. */
function clock(startedAt: string, doneAt: string | null = null) {
  const start = at(startedAt);
  return { startedAt: start, deadline: deadlineAfter(start, 24), doneAt: doneAt === null ? null : at(doneAt) };
}

const iso = (value: { at: Date } | null) => (value === null ? null : value.at.toISOString());

describe("reminderSchedule", () => {
  it("puts half, three quarters, the deadline and the escalation at their instants", () => {
    expect(reminderSchedule(clock("2026-06-01T10:00:00Z"), DEFAULT_REMINDER_SETTINGS).map((r) => [r.threshold, r.at.toISOString()])).toEqual([
      ["half", "2026-06-01T22:00:00.000Z"],
      ["three-quarters", "2026-06-02T04:00:00.000Z"],
      ["deadline", "2026-06-02T10:00:00.000Z"],
      ["escalation", "2026-06-02T12:00:00.000Z"],
    ]);
  });

  it("counts elapsed time across a DST change: 12 hours after 8 p.m. EDT on Oct 31 is 7 a.m. EST on Nov 1, not 8", () => {
    // 2026-11-01 is the fall-back day in New York: 20:00 EDT on Oct 31 is 00:00Z Nov 1.
    const schedule = reminderSchedule(clock("2026-11-01T00:00:00Z"), DEFAULT_REMINDER_SETTINGS);
    expect(schedule[0]!.at.toISOString()).toBe("2026-11-01T12:00:00.000Z");
    expect(schedule[0]!.at.toLocaleString("en-US", { timeZone: "America/New_York", hour: "numeric", hour12: true })).toBe("7 AM");
    expect(schedule[2]!.at.getTime() - schedule[0]!.at.getTime()).toBe(12 * HOUR);
  });

  it("follows the agency's thresholds", () => {
    const settings = { halfFraction: 0.25, threeQuartersFraction: 0.9, escalateAfterMs: 30 * 60 * 1000 };
    expect(reminderSchedule(clock("2026-06-01T00:00:00Z"), settings).map((r) => r.at.toISOString())).toEqual([
      "2026-06-01T06:00:00.000Z",
      "2026-06-01T21:36:00.000Z",
      "2026-06-02T00:00:00.000Z",
      "2026-06-02T00:30:00.000Z",
    ]);
  });
});

describe("reminderDue", () => {
  const running = clock("2026-06-01T10:00:00Z");
  it.each([
    ["before half", "2026-06-01T21:59:59.999Z", null],
    ["exactly at half", "2026-06-01T22:00:00.000Z", "half"],
    ["between half and three quarters", "2026-06-02T03:00:00.000Z", "half"],
    ["at three quarters", "2026-06-02T04:00:00.000Z", "three-quarters"],
    ["at the deadline", "2026-06-02T10:00:00.000Z", "deadline"],
    ["an hour overdue", "2026-06-02T11:00:00.000Z", "deadline"],
    ["two hours overdue", "2026-06-02T12:00:00.000Z", "escalation"],
    ["days overdue", "2026-06-09T12:00:00.000Z", "escalation"],
  ])("%s: %s sends %s", (_, now, expected) => {
    expect(reminderDue(running, DEFAULT_REMINDER_SETTINGS, at(now))?.threshold ?? null).toBe(expected);
  });

  it("sends only the latest threshold for a clock entered with some already behind it", () => {
    // Discovered 20 hours before it was entered: half and three quarters are past; only the latter goes out.
    const late = clock("2026-06-01T10:00:00Z");
    expect(reminderDue(late, DEFAULT_REMINDER_SETTINGS, at("2026-06-02T06:00:00Z"))).toEqual({ threshold: "three-quarters", at: at("2026-06-02T04:00:00Z") });
  });

  it("sends nothing for a clock met early, late, or exactly at the deadline", () => {
    for (const doneAt of ["2026-06-01T12:00:00Z", "2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z"]) {
      expect(iso(reminderDue(clock("2026-06-01T10:00:00Z", doneAt), DEFAULT_REMINDER_SETTINGS, at("2026-06-03T00:00:00Z")))).toBeNull();
    }
  });

  it("a later threshold tells everyone an earlier one told", () => {
    expect(REMINDER_AUDIENCE.deadline).toEqual(expect.arrayContaining([...REMINDER_AUDIENCE["three-quarters"]]));
    expect(REMINDER_AUDIENCE.escalation).toEqual(expect.arrayContaining([...REMINDER_AUDIENCE.deadline]));
    expect(REMINDER_AUDIENCE.escalation).toContain("on-call");
  });
});

describe("the agency's reminder settings", () => {
  it("are the defaults as the agency's columns hold them", () => {
    expect(reminderSettingsOf({ reminderFirstPercent: 50, reminderSecondPercent: 75, escalationMinutes: 120 })).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettingsOf({ reminderFirstPercent: 40, reminderSecondPercent: 90, escalationMinutes: 30 })).toEqual({ halfFraction: 0.4, threeQuartersFraction: 0.9, escalateAfterMs: 30 * 60 * 1000 });
  });

  it.each([
    [{ reminderFirstPercent: 50, reminderSecondPercent: 75, escalationMinutes: 120 }, {}],
    [{ reminderFirstPercent: 10, reminderSecondPercent: 95, escalationMinutes: 15 }, {}],
    [{ reminderFirstPercent: 75, reminderSecondPercent: 75, escalationMinutes: 120 }, { reminderSecondPercent: "Remind the second time later than the first: more than 75 percent." }],
    [{ reminderFirstPercent: 80, reminderSecondPercent: 60, escalationMinutes: 120 }, { reminderSecondPercent: "Remind the second time later than the first: more than 80 percent." }],
    [{ reminderFirstPercent: 5, reminderSecondPercent: 100, escalationMinutes: 14 }, {
      reminderFirstPercent: "Enter between 10 and 90 percent.",
      reminderSecondPercent: "Enter between 20 and 95 percent.",
      escalationMinutes: "Enter between 15 and 1440 minutes (a day).",
    }],
    [{ reminderFirstPercent: 50.5, reminderSecondPercent: 75, escalationMinutes: 1441 }, { reminderFirstPercent: "Enter a whole number of percent.", escalationMinutes: "Enter between 15 and 1440 minutes (a day)." }],
  ])("%j: %j", (values, problems) => {
    expect(reminderSettingsProblems(values)).toEqual(problems);
  });
});
