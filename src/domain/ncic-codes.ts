/**
 * NCIC code sets for a physical description, in one place so a correction is one edit.
 * The caseworker picks plain-language labels; the codes go unchanged to the officer and the packet.
 * Source: /work/shared/reference/ncic-codes.md (NCIC Code Manual, Personal Descriptors), checked
 * against the NIEM hair-color list, which has the same codes including BAL.
 */

export type CodeSet = readonly { readonly code: string; readonly label: string }[];

/** The codes of a set as a union type: `CodeOf<typeof HAIR_COLORS>` is "BAL" | "BLK" | …. */
export type CodeOf<Set extends CodeSet> = Set[number]["code"];

/** NCIC's code for "unknown" in the hair and eye sets (the complexion set has none). */
export const NCIC_UNKNOWN = "XXX";

/** NCIC's complexion list has no "unknown"; the form offers one and the packet leaves the code out. */
export const UNKNOWN_SKIN_TONE = NCIC_UNKNOWN;

export const HAIR_COLORS = [
  { code: "BAL", label: "Bald" },
  { code: "BLK", label: "Black" },
  { code: "BLN", label: "Blond or strawberry" },
  { code: "BLU", label: "Blue" },
  { code: "BRO", label: "Brown" },
  { code: "GRN", label: "Green" },
  { code: "GRY", label: "Gray or partially gray" },
  { code: "ONG", label: "Orange" },
  { code: "PLE", label: "Purple" },
  { code: "PNK", label: "Pink" },
  { code: "RED", label: "Red or auburn" },
  { code: "SDY", label: "Sandy" },
  { code: "WHI", label: "White" },
  { code: "XXX", label: "Unknown" },
] as const satisfies CodeSet;

export const EYE_COLORS = [
  { code: "BLK", label: "Black" },
  { code: "BLU", label: "Blue" },
  { code: "BRO", label: "Brown" },
  { code: "GRY", label: "Gray" },
  { code: "GRN", label: "Green" },
  { code: "HAZ", label: "Hazel" },
  { code: "MAR", label: "Maroon" },
  { code: "MUL", label: "Multicolored" },
  { code: "PNK", label: "Pink" },
  { code: "XXX", label: "Unknown" },
] as const satisfies CodeSet;

export const SKIN_TONES = [
  { code: "ALB", label: "Albino" },
  { code: "BLK", label: "Black" },
  { code: "DBR", label: "Dark brown" },
  { code: "DRK", label: "Dark" },
  { code: "FAR", label: "Fair" },
  { code: "LBR", label: "Light brown" },
  { code: "LGT", label: "Light" },
  { code: "MBR", label: "Medium brown" },
  { code: "MED", label: "Medium" },
  { code: "OLV", label: "Olive" },
  { code: "RUD", label: "Ruddy" },
  { code: "SAL", label: "Sallow" },
  { code: "YEL", label: "Yellow" },
] as const satisfies CodeSet;

/** Ethnicity (Hispanic or not) is a separate field, not a race code. */
export const RACES = [
  { code: "A", label: "Asian" },
  { code: "B", label: "Black" },
  { code: "I", label: "American Indian or Alaska Native" },
  { code: "P", label: "Native Hawaiian or other Pacific Islander" },
  { code: "W", label: "White" },
  { code: "U", label: "Unknown" },
] as const satisfies CodeSet;

/** X is accepted only where the state's NCIC allows it; the agency's settings decide whether to offer it. */
export const SEXES = [
  { code: "M", label: "Male" },
  { code: "F", label: "Female" },
  { code: "X", label: "Not specified or non-binary" },
  { code: "U", label: "Unknown" },
] as const satisfies CodeSet;

export type HairColorCode = CodeOf<typeof HAIR_COLORS>;
export type EyeColorCode = CodeOf<typeof EYE_COLORS>;
export type SkinToneCode = CodeOf<typeof SKIN_TONES>;
export type RaceCode = CodeOf<typeof RACES>;
export type SexCode = CodeOf<typeof SEXES>;

/** The codes as a non-empty tuple, the shape `z.enum(...)` wants: `z.enum(codesOf(HAIR_COLORS))`. */
export function codesOf<Set extends CodeSet>(set: Set): [CodeOf<Set>, ...CodeOf<Set>[]] {
  const [first, ...rest] = set.map((entry): CodeOf<Set> => entry.code);
  if (first === undefined) throw new RangeError("A code set must have at least one code");
  return [first, ...rest];
}

/** The plain label of a code ("BRO" → "Brown"); an unknown code is shown as itself rather than hidden. */
export function labelOf(set: CodeSet, code: string): string {
  return set.find((entry) => entry.code === code)?.label ?? code;
}

const INCHES_PER_FOOT = 12;
/** NCIC's HGT is one digit of feet and two of inches, so 9 ft 11 in is the most it can say. */
export const MAX_NCIC_HEIGHT_INCHES = 9 * INCHES_PER_FOOT + 11;

/** Heights are whole inches; a fraction is rounded to the nearest inch. Throws for negative or non-finite. */
function feetAndInches(totalInches: number): { feet: number; inches: number } {
  if (!Number.isFinite(totalInches) || totalInches < 0) {
    throw new RangeError(`A height must be a non-negative number of inches, got ${totalInches}`);
  }
  const wholeInches = Math.round(totalInches);
  return { feet: Math.floor(wholeInches / INCHES_PER_FOOT), inches: wholeInches % INCHES_PER_FOOT };
}

/** 65 → "5 ft 5 in", 72 → "6 ft 0 in". */
export function formatHeight(totalInches: number): string {
  const { feet, inches } = feetAndInches(totalInches);
  return `${feet} ft ${inches} in`;
}

/** 65 → "505", 72 → "600", 30 → "206". Throws RangeError past 9 ft 11 in, which NCIC cannot hold. */
export function ncicHeight(totalInches: number): string {
  const { feet, inches } = feetAndInches(totalInches);
  if (feet > 9) throw new RangeError(`NCIC heights stop at 9 ft 11 in, got ${totalInches} inches`);
  return `${feet}${String(inches).padStart(2, "0")}`;
}
