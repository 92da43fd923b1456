import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordProblems } from "@/domain/password-policy";

/**
 * The common and breached passwords refused as new passwords: the 49,000 of zxcvbn-ts's common
 * list, lower-cased, loaded once. (No "server-only" marker: the start-up script checks the demo
 * password with it. Client code must not import it: the list is large.)
 */
let blocklist: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  blocklist ??= new Set(dictionary.passwords.map((password) => password.toLowerCase()));
  return blocklist;
}

/**
 * The demo accounts' password is held to the same rules, as the password of an account without a
 * second factor (the demo people set theirs up at first sign-in), and of each demo account given.
 */
export function demoPasswordProblems(password: string, accounts: readonly { email: string; name: string }[] = []): string[] {
  const context = { hasSecondFactor: false, blocklist: commonPasswords() };
  const problems = (accounts.length > 0 ? accounts : [{ email: "", name: "" }]).flatMap((account) => passwordProblems(password, { ...context, ...account }));
  return [...new Set(problems)];
}
