import "server-only";
import { publicOrigin } from "@/config/env";
import type { Tx } from "@/server/db";
import { accountLink, issueAccountToken, type AccountTokenPurpose } from "@/server/accounts/account-tokens";
import { queueEmail } from "@/server/mail/queue-email";

/**
 * How a single-use link reached the person: e-mailed (SMTP configured), or returned to be shown
 * once to the admin, who passes it on. The link is never stored in plain form, never put in a URL
 * of ours and never logged: only its hash is kept (account-tokens.ts).
 */
export type LinkDelivery = { delivery: "emailed" } | { delivery: "shown"; link: string };

const WORDS: Record<AccountTokenPurpose, (agencyName: string, link: string) => { subject: string; text: string }> = {
  INVITATION: (agencyName, link) => ({
    subject: `${agencyName} invited you to Homeward`,
    text: [
      `${agencyName} invited you to Homeward, the application the agency uses when a child in its care goes missing.`,
      "",
      "Open this link to choose your password and set up your second factor:",
      link,
      "",
      "The link works once, for 24 hours. If it has expired, ask your agency's admin for a new one.",
      "If you were not expecting this, you can ignore this e-mail.",
    ].join("\n"),
  }),
  PASSWORD_RESET: (agencyName, link) => ({
    subject: "Choose a new Homeward password",
    text: [
      `An admin of ${agencyName} asked for your Homeward password to be reset.`,
      "",
      "Open this link to choose a new password:",
      link,
      "",
      "The link works once, for 24 hours. Choosing a new password signs you out everywhere else.",
      "If you did not expect this, tell your agency's admin.",
    ].join("\n"),
  }),
};

/**
 * Issues the person's link of this purpose (revoking their earlier ones) and e-mails it, or hands
 * it back to be shown once when e-mail is not configured (always, with `showOnly`: an operator's
 * command prints it). In the caller's transaction.
 */
export async function sendAccountLink(
  tx: Tx,
  input: { agencyId: string; userId: string; purpose: AccountTokenPurpose; createdById: string | null; now: Date; showOnly?: boolean },
): Promise<LinkDelivery> {
  const { tokenId, secret } = await issueAccountToken(tx, input);
  if (input.showOnly) return { delivery: "shown", link: accountLink(publicOrigin(), input.purpose, secret) };
  const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, agency: { select: { name: true } } } });
  const link = accountLink(publicOrigin(), input.purpose, secret);
  const words = WORDS[input.purpose](user.agency.name, link);
  const key = `${input.purpose === "INVITATION" ? "invitation" : "password-reset"}:${tokenId}`;
  const emailed = await queueEmail(tx, { key, agencyId: input.agencyId, to: user.email, subject: words.subject, text: words.text });
  return emailed ? { delivery: "emailed" } : { delivery: "shown", link };
}
