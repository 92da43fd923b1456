import { describe, expect, it } from "vitest";
import { isReplayedStep, mustHaveSecondFactor, signInStep } from "@/domain/second-factor-policy";

describe("who must have a second factor", () => {
  const strict = { caseworkerSecondFactorOptional: false };
  const optional = { caseworkerSecondFactorOptional: true };

  it("is everyone by default", () => {
    for (const roles of [["CASEWORKER"], ["SUPERVISOR"], ["ADMIN"], ["CASEWORKER", "SUPERVISOR"]]) {
      expect(mustHaveSecondFactor({ roles }, strict)).toBe(true);
    }
  });

  it("spares only people whose every role is caseworker, where the agency made it optional", () => {
    expect(mustHaveSecondFactor({ roles: ["CASEWORKER"] }, optional)).toBe(false);
    expect(mustHaveSecondFactor({ roles: ["CASEWORKER", "SUPERVISOR"] }, optional)).toBe(true);
    expect(mustHaveSecondFactor({ roles: ["ADMIN"] }, optional)).toBe(true);
    expect(mustHaveSecondFactor({ roles: [] }, optional)).toBe(true);
  });
});

describe("replayed codes", () => {
  it("refuses a time step at or before the last accepted one", () => {
    expect(isReplayedStep(100, null)).toBe(false);
    expect(isReplayedStep(101, 100)).toBe(false);
    expect(isReplayedStep(100, 100)).toBe(true);
    expect(isReplayedStep(99, 100)).toBe(true);
  });
});

describe("the steps of signing in", () => {
  const base = { secondFactorGiven: false, hasSecondFactor: false, mustHaveSecondFactor: false, passwordChangeRequired: false };

  it("asks for the code first, then a required password, then a missing factor", () => {
    expect(signInStep({ ...base, hasSecondFactor: true, passwordChangeRequired: true })).toBe("code");
    expect(signInStep({ ...base, hasSecondFactor: true, secondFactorGiven: true, passwordChangeRequired: true })).toBe("new-password");
    expect(signInStep({ ...base, mustHaveSecondFactor: true, passwordChangeRequired: true })).toBe("new-password");
    expect(signInStep({ ...base, mustHaveSecondFactor: true })).toBe("second-factor");
  });

  it("is done with the factor given, or without one where none is needed", () => {
    expect(signInStep({ ...base, hasSecondFactor: true, secondFactorGiven: true, mustHaveSecondFactor: true })).toBe("done");
    expect(signInStep(base)).toBe("done");
  });
});
