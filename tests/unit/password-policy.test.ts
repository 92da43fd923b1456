import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, passwordProblems } from "@/domain/password-policy";
import { commonPasswords, demoPasswordProblems } from "@/lib/common-passwords";

const person = { email: "Jordan.Reyes@agency.example.gov", name: "Jordan Reyes", hasSecondFactor: false, blocklist: commonPasswords() };
const withFactor = { ...person, hasSecondFactor: true };

describe("password rules (NIST SP 800-63B rev. 4)", () => {
  it("asks for 15 characters without a second factor and 8 with one", () => {
    expect(passwordProblems("lantern orbit 7", person)).toEqual([]);
    expect(passwordProblems("lantern orbit", person)).toEqual([expect.stringContaining("at least 15 characters")]);
    expect(passwordProblems("lantern!", withFactor)).toEqual([]);
    expect(passwordProblems("lantrn!", withFactor)).toEqual(["Use at least 8 characters"]);
  });

  it("allows 64 characters and more, up to a generous maximum, counted as characters not bytes", () => {
    expect(passwordProblems("a quiet river runs under the old stone bridge at dawn each day!!", person)).toEqual([]);
    expect(passwordProblems("x".repeat(MAX_PASSWORD_LENGTH - 1) + "y", person)).toEqual([]);
    expect(passwordProblems("x".repeat(MAX_PASSWORD_LENGTH + 1), person)).toEqual([`Use ${MAX_PASSWORD_LENGTH} characters or fewer`]);
    // Eight emoji are eight characters (sixteen UTF-16 units).
    expect(passwordProblems("🦊🌲🌊🔥🌙⭐🍀🎈", withFactor)).toEqual([]);
  });

  it("allows any characters and spaces, with no composition rules", () => {
    expect(passwordProblems("all lower case words here", person)).toEqual([]);
    expect(passwordProblems("ñandú café über straße", person)).toEqual([]);
    expect(passwordProblems("                ", person)).toEqual([]);
  });

  it("refuses control characters and broken characters", () => {
    expect(passwordProblems("lantern orbit 7\u0000", person)).toEqual([expect.stringContaining("hidden control character")]);
    expect(passwordProblems("lantern orbit 7\uD800", person)).toEqual([expect.stringContaining("hidden control character")]);
  });

  it("refuses a password from the common and breached list, whatever its case", () => {
    expect(commonPasswords().size).toBeGreaterThan(40_000);
    expect(passwordProblems("password", withFactor)).toEqual([expect.stringContaining("common or breached")]);
    expect(passwordProblems("PassWord", withFactor)).toEqual([expect.stringContaining("common or breached")]);
    expect(passwordProblems("qwertyuiop", withFactor)).toEqual([expect.stringContaining("common or breached")]);
  });

  it("refuses a password containing the person's e-mail address, its local part or a part of their name", () => {
    expect(passwordProblems("my jordan.reyes@agency.example.gov!", person)).toContain("Do not use your email address in your password");
    expect(passwordProblems("xxJORDAN.REYESxxxxx", person)).toContain("Do not use your email address in your password");
    expect(passwordProblems("the reyes family home", person)).toEqual(["Do not use your name in your password"]);
    expect(passwordProblems("Jordan rides a bike far", person)).toEqual(["Do not use your name in your password"]);
    // Name parts under three letters are not held against anyone.
    expect(passwordProblems("al walks to the store", { ...person, name: "Al Li" })).toEqual([]);
  });

  it("says an empty password needs entering, and nothing else", () => {
    expect(passwordProblems("", person)).toEqual(["Enter a new password"]);
  });

  it("holds the demo password to the same rules", () => {
    expect(demoPasswordProblems("homeward-demo-2026")).toEqual([]);
    expect(demoPasswordProblems("xq7 plum vane")).toEqual([expect.stringContaining("at least 15")]);
    expect(demoPasswordProblems("password1234567890")).toEqual([]);
    expect(demoPasswordProblems("1234567890")).toHaveLength(2);
    expect(demoPasswordProblems("casey morgan is here", [{ email: "caseworker@demo.example.org", name: "Casey Morgan" }])).toEqual([
      "Do not use your name in your password",
    ]);
  });
});
