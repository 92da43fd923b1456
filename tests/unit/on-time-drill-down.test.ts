import { describe, expect, it } from "vitest";
import { drillDownParams, listCursorParam, parseDrillDown, parseListCursor } from "@/domain/on-time-drill-down";

describe("the lists behind the on-time figures, as the address names them", () => {
  it("reads back what the page's links say", () => {
    const caseworker = "3f7c0d1e-0000-4000-8000-000000000000";
    const list = { type: "clocks", kind: "NCMEC_REPORT", filter: "late", caseworkerId: caseworker } as const;
    const params = drillDownParams(list);
    expect(parseDrillDown(params.show, params.caseworker)).toEqual(list);
    expect(parseDrillDown("trafficking:victims", undefined)).toEqual({ type: "trafficking", figure: "victims" });
    expect(parseDrillDown(undefined, undefined)).toBeNull();
  });

  it("answers a list or a caseworker it does not know as unknown", () => {
    for (const [show, caseworker] of [["nothing:due", undefined], ["all:sometimes", undefined], ["trafficking:everyone", undefined], ["all:due", "not-an-id"]] as const) {
      expect(parseDrillDown(show, caseworker)).toBe("unknown");
    }
  });

  it("reads back the cursor of a next page, and answers a tampered one as unknown", () => {
    const cursor = { startedAt: new Date("2026-03-10T17:00:00.000Z"), id: "3f7c0d1e-0000-4000-8000-000000000000" };
    expect(parseListCursor(listCursorParam(cursor))).toEqual(cursor);
    expect(parseListCursor(undefined)).toBeNull();
    for (const tampered of ["", "2026-03-10T17:00:00.000Z", "2026-03-10T17:00:00.000Z_x", "yesterday_3f7c0d1e-0000-4000-8000-000000000000", "2026-13-45T17:00:00.000Z_3f7c0d1e-0000-4000-8000-000000000000", `${listCursorParam(cursor)}_more`]) {
      expect(parseListCursor(tampered), tampered).toBe("unknown");
    }
  });
});
