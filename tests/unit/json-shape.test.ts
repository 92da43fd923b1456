import { describe, expect, it } from "vitest";
import { arrayOf, boolean, integer, nonNegative, nullable, number, object, oneOf, optional, readJsonShape, recordOf, string, unknown } from "@/lib/json-shape";
import { isApiError, isConflictDetails } from "@/lib/schemas/api-error";

describe("json shapes", () => {
  it("check scalars as JSON carries them", () => {
    expect([string("a"), string(1), string(null)]).toEqual([true, false, false]);
    expect([number(1.5), number(Number.NaN), number(Infinity), number("1")]).toEqual([true, false, false, false]);
    expect([integer(3), integer(3.5), integer(2 ** 60)]).toEqual([true, false, false]);
    expect([nonNegative(0), nonNegative(-1)]).toEqual([true, false]);
    expect([boolean(false), boolean(0)]).toEqual([true, false]);
    expect([unknown(undefined), unknown({})]).toEqual([true, true]);
    expect([oneOf(["idle", "ended"])("idle"), oneOf(["idle", "ended"])("IDLE")]).toEqual([true, false]);
  });

  it("check objects field by field: a missing field only where it is optional, extra keys allowed", () => {
    const shape = object({ id: string, count: optional(integer), note: nullable(string) });
    expect(shape({ id: "a", note: null })).toBe(true);
    expect(shape({ id: "a", count: 2, note: "x", other: true })).toBe(true);
    expect(shape({ id: "a", count: "2", note: null })).toBe(false);
    expect(shape({ id: "a" })).toBe(false);
    expect(shape(null)).toBe(false);
    expect(shape([])).toBe(false);
    expect(shape("a")).toBe(false);
  });

  it("check lists and records item by item", () => {
    expect(arrayOf(string)(["a", "b"])).toBe(true);
    expect(arrayOf(string)(["a", 1])).toBe(false);
    expect(arrayOf(string)({ 0: "a" })).toBe(false);
    expect(recordOf(string)({ a: "x", b: "y" })).toBe(true);
    expect(recordOf(string)({ a: "x", b: 2 })).toBe(false);
    expect(recordOf(string)(["x"])).toBe(false);
  });

  it("read a response's body only when it has the shape", async () => {
    const shape = object({ version: number });
    expect(await readJsonShape(Response.json({ version: 3 }), shape)).toEqual({ version: 3 });
    expect(await readJsonShape(Response.json({ version: "3" }), shape)).toBeNull();
    expect(await readJsonShape(new Response("<html>Bad gateway</html>", { status: 502 }), shape)).toBeNull();
    expect(await readJsonShape(new Response('{"version": 3', { status: 200 }), shape)).toBeNull();
  });
});

describe("API error bodies", () => {
  it("take what a route handler answers and refuse what it never would", () => {
    expect(isApiError({ error: "Check the answers.", fieldErrors: { firstName: "Enter the first name" } })).toBe(true);
    expect(isApiError({ error: "Saved by someone else.", code: "STALE_VERSION", version: 4, current: { firstName: "Jo" }, savedBy: "Casey" })).toBe(true);
    expect(isApiError({ error: "x", code: "NOT_A_CODE" })).toBe(false);
    expect(isApiError({ error: "x", fieldErrors: { firstName: 3 } })).toBe(false);
    expect(isApiError({ message: "x" })).toBe(false);
    expect(isConflictDetails({ missingSteps: ["child"], episodeId: "e" })).toBe(true);
    expect(isConflictDetails({ missingSteps: "child" })).toBe(false);
  });
});
