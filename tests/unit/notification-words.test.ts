import { describe, expect, it } from "vitest";
import { CLOCK_KINDS, CLOCK_LABELS } from "@/domain/clocks";
import { REMINDER_THRESHOLDS } from "@/domain/clock-reminders";
import { DUE_PHRASES, reminderWords } from "@/server/notifications/reminder-words";
import { NOTIFICATION_KINDS, REMINDER_KINDS, notificationEmail, notificationWords, type NotificationKind } from "@/server/notifications/notification-kinds";

const details = (clockKind: string, deadline = "2026-12-07T13:00:00.000Z") => ({
  episodeId: "0b9c4a36-3f55-4a8e-9a53-4c8f3f0f2b11",
  clockId: "5d2d7f0e-1c9a-4c0e-8f0b-2f6f1c1e7a22",
  clockKind,
  deadline,
});

describe("the words of a clock's reminder", () => {
  it("say what is due and when, in the agency's time zone with the zone named", () => {
    expect(notificationWords("reminder.half", details("NCMEC_REPORT"), { timeZone: "America/New_York" })).toEqual({
      title: "Due by Dec 7, 2026, 8:00 AM EST: the report to NCMEC",
      text: "Reminder: the report to NCMEC on one of your cases is due by Dec 7, 2026, 8:00 AM EST. Open the case in Homeward to record it.",
    });
    expect(notificationWords("reminder.deadline", details("LAW_ENFORCEMENT_REPORT"), { timeZone: "America/Chicago" })).toEqual({
      title: "Overdue: the report to law enforcement",
      text: "The report to law enforcement on an open case was due at Dec 7, 2026, 7:00 AM CST and is not recorded as done. Record it, with the reason it is late, on the case in Homeward.",
    });
  });

  it("say the deadline as the clock on the wall shows it across a DST change", () => {
    // 06:00Z on the fall-back day is 1:00 AM EST in New York (the second 1 a.m.); in summer, 2:00 AM EDT.
    expect(notificationWords("reminder.three_quarters", details("DEBRIEF", "2026-11-01T06:00:00.000Z"), { timeZone: "America/New_York" }).title).toBe(
      "Due soon: the return debrief, by Nov 1, 2026, 1:00 AM EST",
    );
    expect(notificationWords("reminder.three_quarters", details("DEBRIEF", "2026-11-01T05:00:00.000Z"), { timeZone: "America/New_York" }).title).toBe(
      "Due soon: the return debrief, by Nov 1, 2026, 1:00 AM EDT",
    );
  });

  it("never say trafficking, and call the trafficking report a report to law enforcement", () => {
    expect(DUE_PHRASES.TRAFFICKING_REPORT).toBe("a report to law enforcement");
    // The case page's label is not fit for an e-mail: that is why the reminders have their own words.
    expect(CLOCK_LABELS.TRAFFICKING_REPORT).toMatch(/trafficking/i);
    for (const kind of CLOCK_KINDS) {
      for (const threshold of REMINDER_THRESHOLDS) {
        const words = reminderWords(threshold, details(kind) as Parameters<typeof reminderWords>[1], "America/New_York");
        expect(`${words.title} ${words.text}`).not.toMatch(/traffick|tribe|child's|medical|dental/i);
        expect(words.title).toContain(DUE_PHRASES[kind]);
      }
    }
  });

  it("fall back to the kind's own words when the details are not a reminder's", () => {
    for (const threshold of REMINDER_THRESHOLDS) {
      const kind = REMINDER_KINDS[threshold];
      expect(notificationWords(kind, {}, { timeZone: "America/New_York" })).toEqual({ title: NOTIFICATION_KINDS[kind].title, text: NOTIFICATION_KINDS[kind].text });
      expect(notificationWords(kind, { ...details("NOT_A_CLOCK") }, { timeZone: "America/New_York" }).title).toBe(NOTIFICATION_KINDS[kind].title);
    }
  });

  it("keep the fixed words of every other kind", () => {
    expect(notificationWords("password.changed", {}, { timeZone: "America/New_York" })).toEqual(NOTIFICATION_KINDS["password.changed"]);
    expect(notificationWords("closure.requested", { episodeId: details("DEBRIEF").episodeId }, { timeZone: "UTC" }).title).toBe("An episode is waiting for your sign-off");
  });
});

describe("a notification's e-mail", () => {
  it("is its words and a link to sign in that carries nothing about the case", () => {
    const email = notificationEmail("reminder.escalation", details("TRAFFICKING_REPORT"), { timeZone: "America/New_York", origin: "https://homeward.example.org" });
    expect(email).toEqual({
      subject: "Still overdue: a report to law enforcement",
      text:
        "A report to law enforcement on an open case was due at Dec 7, 2026, 8:00 AM EST and is still not recorded as done. The agency's on-call list has been told. Open the case in Homeward to act on it." +
        "\n\nSign in to Homeward to read your notifications: https://homeward.example.org/notifications",
    });
  });

  it("is written for every kind without a child's name or an id", () => {
    for (const kind of Object.keys(NOTIFICATION_KINDS) as NotificationKind[]) {
      const email = notificationEmail(kind, details("NCMEC_REPORT"), { timeZone: "America/New_York", origin: "https://homeward.example.org" });
      expect(`${email.subject}\n${email.text}`).not.toMatch(/0b9c4a36|5d2d7f0e|traffick/i);
    }
  });
});
