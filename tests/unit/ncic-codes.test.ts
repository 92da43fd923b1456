import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  EYE_COLORS,
  HAIR_COLORS,
  RACES,
  SEXES,
  SKIN_TONES,
  codesOf,
  formatHeight,
  labelOf,
  ncicHeight,
  type HairColorCode,
} from "@/domain/ncic-codes";

const CODE_SETS = [
  { name: "hair colors", set: HAIR_COLORS, codeLength: 3, size: 14 },
  { name: "eye colors", set: EYE_COLORS, codeLength: 3, size: 10 },
  { name: "skin tones", set: SKIN_TONES, codeLength: 3, size: 13 },
  { name: "races", set: RACES, codeLength: 1, size: 6 },
  { name: "sexes", set: SEXES, codeLength: 1, size: 4 },
];

describe("NCIC code sets", () => {
  it.each(CODE_SETS)("$name: codes are unique, upper-case NCIC codes of the right length", ({ set, codeLength, size }) => {
    const codes = set.map((entry) => entry.code);
    expect(codes).toHaveLength(size);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[A-Z]{${codeLength}}$`));
  });

  it.each(CODE_SETS)("$name: labels are unique plain words with a capital first letter", ({ set }) => {
    const labels = set.map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) {
      expect(label).toMatch(/^[A-Z][a-z]/);
      expect(label).not.toMatch(/\/|\.$/);
    }
  });

  it.each(CODE_SETS)("$name: codesOf gives every code, in order, and z.enum takes it", ({ set }) => {
    const codes = codesOf(set);
    expect(codes).toEqual(set.map((entry) => entry.code));
    const schema = z.enum(codes);
    expect(schema.safeParse(codes[0]).success).toBe(true);
    expect(schema.safeParse("NOT-A-CODE").success).toBe(false);
  });

  it("the codes form a union type", () => {
    expectTypeOf<HairColorCode>().toEqualTypeOf<
      "BAL" | "BLK" | "BLN" | "BLU" | "BRO" | "GRN" | "GRY" | "ONG" | "PLE" | "PNK" | "RED" | "SDY" | "WHI" | "XXX"
    >();
    expectTypeOf(z.enum(codesOf(HAIR_COLORS)).parse("BRO")).toEqualTypeOf<HairColorCode>();
  });

  it("codesOf refuses an empty set", () => {
    expect(() => codesOf([])).toThrow(RangeError);
  });
});

describe("labelOf", () => {
  it.each([
    { set: HAIR_COLORS, code: "BRO", label: "Brown" },
    { set: HAIR_COLORS, code: "BLN", label: "Blond or strawberry" },
    { set: HAIR_COLORS, code: "GRY", label: "Gray or partially gray" },
    { set: HAIR_COLORS, code: "RED", label: "Red or auburn" },
    { set: HAIR_COLORS, code: "XXX", label: "Unknown" },
    { set: EYE_COLORS, code: "HAZ", label: "Hazel" },
    { set: EYE_COLORS, code: "MUL", label: "Multicolored" },
    { set: SKIN_TONES, code: "MBR", label: "Medium brown" },
    { set: SKIN_TONES, code: "OLV", label: "Olive" },
    { set: RACES, code: "I", label: "American Indian or Alaska Native" },
    { set: RACES, code: "P", label: "Native Hawaiian or other Pacific Islander" },
    { set: SEXES, code: "F", label: "Female" },
    { set: SEXES, code: "X", label: "Not specified or non-binary" },
    // A code from another set, a wrong case or an unknown code is shown as itself.
    { set: EYE_COLORS, code: "BLN", label: "BLN" },
    { set: HAIR_COLORS, code: "bro", label: "bro" },
    { set: RACES, code: "Z", label: "Z" },
    { set: SEXES, code: "", label: "" },
  ])("$code → $label", ({ set, code, label }) => {
    expect(labelOf(set, code)).toBe(label);
  });
});

describe("heights", () => {
  it.each([
    { inches: 65, feet: "5 ft 5 in", ncic: "505" },
    { inches: 72, feet: "6 ft 0 in", ncic: "600" },
    { inches: 71, feet: "5 ft 11 in", ncic: "511" },
    { inches: 59, feet: "4 ft 11 in", ncic: "411" },
    { inches: 60, feet: "5 ft 0 in", ncic: "500" },
    { inches: 30, feet: "2 ft 6 in", ncic: "206" },
    { inches: 11, feet: "0 ft 11 in", ncic: "011" },
    { inches: 0, feet: "0 ft 0 in", ncic: "000" },
    { inches: 119, feet: "9 ft 11 in", ncic: "911" },
    { inches: 64.6, feet: "5 ft 5 in", ncic: "505" },
  ])("$inches in → $feet, NCIC $ncic", ({ inches, feet, ncic }) => {
    expect(formatHeight(inches)).toBe(feet);
    expect(ncicHeight(inches)).toBe(ncic);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s inches", (inches) => {
    expect(() => formatHeight(inches)).toThrow(RangeError);
    expect(() => ncicHeight(inches)).toThrow(RangeError);
  });

  it("NCIC cannot hold 10 ft", () => {
    expect(formatHeight(120)).toBe("10 ft 0 in");
    expect(() => ncicHeight(120)).toThrow(RangeError);
  });
});
