/**
 * Password rules of NIST SP 800-63B revision 4: length, a blocklist of common or breached
 * passwords and the person's own details; no composition rules, any characters, spaces allowed.
 * Pure: the blocklist is passed in (src/lib/common-passwords.ts loads it once).
 */
export const MIN_PASSWORD_LENGTH_ALONE = 15;
export const MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR = 8;
/** Generous (NIST asks for at least 64) while bounding the work of hashing. */
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordContext = {
  /** The person's e-mail address and name, which the password may not contain. */
  email: string;
  name: string;
  /** With a second factor a password may be shorter. */
  hasSecondFactor: boolean;
  /** Lower-cased common and breached passwords. */
  blocklist: ReadonlySet<string>;
};

/** Half of a UTF-16 pair, or a control character: not something a keyboard or a password manager types. */
const UNTYPABLE = /\p{Cs}|\p{Cc}/u;

/** Words of the person's that a password may not contain: the address, its local part, each name part of 3+ letters. */
function personalWords(context: Pick<PasswordContext, "email" | "name">): { email: string[]; name: string[] } {
  const email = context.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const name = context.name
    .toLowerCase()
    .split(/[^\p{L}\p{M}]+/u)
    .filter((part) => [...part].length >= 3);
  return { email: [email, local].filter((word) => word.length >= 3), name };
}

/** The problems with a new password, in words; none means it may be used. */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const length = [...password].length;
  const min = context.hasSecondFactor ? MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR : MIN_PASSWORD_LENGTH_ALONE;
  if (length === 0) return ["Enter a new password"];
  const problems: string[] = [];
  if (length < min) {
    problems.push(
      context.hasSecondFactor
        ? `Use at least ${min} characters`
        : `Use at least ${min} characters (a long phrase of a few words is easy to remember)`,
    );
  }
  if (length > MAX_PASSWORD_LENGTH) problems.push(`Use ${MAX_PASSWORD_LENGTH} characters or fewer`);
  if (UNTYPABLE.test(password)) problems.push("Remove the hidden control character or broken character from the password (it often comes with pasted text)");
  const lower = password.toLowerCase();
  if (context.blocklist.has(lower)) problems.push("This password is on a list of common or breached passwords: choose another");
  const words = personalWords(context);
  if (words.email.some((word) => lower.includes(word))) problems.push("Do not use your email address in your password");
  if (words.name.some((word) => lower.includes(word))) problems.push("Do not use your name in your password");
  return problems;
}
