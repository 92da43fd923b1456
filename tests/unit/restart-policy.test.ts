import { describe, expect, it } from "vitest";
import { Restarts } from "../../scripts/lib/restart-policy";

describe("when npm start starts again what died", () => {
  const policy = { firstDelayMs: 500, maxDelayMs: 4_000, limit: 5, windowMs: 60_000 };

  it("backs off, doubling, up to a ceiling", () => {
    const restarts = new Restarts(policy);
    expect([0, 1, 2, 3, 4].map((i) => restarts.failed(i * 10))).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
  });

  it("gives up after too many failures in the window", () => {
    const restarts = new Restarts(policy);
    for (let i = 0; i < 5; i++) expect(restarts.failed(i * 1_000)).not.toBeNull();
    expect(restarts.failed(5_000)).toBeNull();
  });

  it("forgets failures older than the window, and starts the back-off again", () => {
    const restarts = new Restarts(policy);
    for (let i = 0; i < 5; i++) restarts.failed(i * 1_000);
    expect(restarts.failed(200_000)).toBe(500);
    expect(restarts.recent).toBe(1);
  });
});
