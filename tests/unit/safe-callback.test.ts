import { describe, expect, it } from "vitest";
import { safeCallback } from "@/lib/safe-callback";

describe("the sign-in callback", () => {
  it.each([
    ["/cases?stage=open", "/cases?stage=open"],
    ["/cases/abc/report/child", "/cases/abc/report/child"],
    [undefined, "/"],
    [["/a", "/b"], "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%j → %s", (value, expected) => {
    expect(safeCallback(value as string | string[] | undefined)).toBe(expected);
  });
});
