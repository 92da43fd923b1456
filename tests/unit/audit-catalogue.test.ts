import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/server/audit/audit-events";
import { PEOPLE_EVENTS } from "@/server/audit/catalogue/people";
import { SIGN_IN_EVENTS } from "@/server/audit/catalogue/sign-in";
import { AGENCY_EVENTS } from "@/server/audit/catalogue/agency";
import { JOB_EVENTS } from "@/server/audit/catalogue/jobs";
import { SEARCH_EVENTS } from "@/server/audit/catalogue/search";
import { RECOVERY_EVENTS } from "@/server/audit/catalogue/recovery";
import { DEBRIEF_EVENTS } from "@/server/audit/catalogue/debrief";
import { CLOSURE_EVENTS } from "@/server/audit/catalogue/closure";
import { SUPERVISION_EVENTS } from "@/server/audit/catalogue/supervision";
import { REMINDER_EVENTS } from "@/server/audit/catalogue/reminders";
import { REPORT_EVENTS } from "@/server/audit/catalogue/reports";
import { DASHBOARD_EVENTS } from "@/server/audit/catalogue/dashboard";

describe("audit event catalogue", () => {
  it("has no key in two areas (a spread would silently keep only one)", () => {
    const parts = [PEOPLE_EVENTS, SIGN_IN_EVENTS, AGENCY_EVENTS, JOB_EVENTS, SEARCH_EVENTS, RECOVERY_EVENTS, DEBRIEF_EVENTS, CLOSURE_EVENTS, SUPERVISION_EVENTS, REMINDER_EVENTS, REPORT_EVENTS, DASHBOARD_EVENTS].map((part) => Object.keys(part));
    const merged = new Set(parts.flat());
    expect(merged.size).toBe(parts.flat().length);
    for (const key of merged) expect(AUDIT_ACTIONS).toContain(key);
  });
});
