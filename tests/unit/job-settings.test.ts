import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/config/env";

describe("the job worker's setting", () => {
  it("is on unless HOMEWARD_JOBS=off", () => {
    expect(parseEnv({}).HOMEWARD_JOBS).toBe("on");
    expect(parseEnv({ HOMEWARD_JOBS: "" }).HOMEWARD_JOBS).toBe("on");
    expect(parseEnv({ HOMEWARD_JOBS: "off" }).HOMEWARD_JOBS).toBe("off");
  });

  it("names the variable when its value is neither on nor off", () => {
    expect(() => parseEnv({ HOMEWARD_JOBS: "maybe" })).toThrow(EnvError);
    expect(() => parseEnv({ HOMEWARD_JOBS: "maybe" })).toThrow(/HOMEWARD_JOBS must be on or off/);
  });
});
