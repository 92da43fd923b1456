import "server-only";
import type { Tx } from "@/server/db";
import { audit } from "@/server/audit/audit";
import type { AccountTokenPurpose, TokenProblem, UsableToken } from "@/server/accounts/account-tokens";

export type LinkProblem = TokenProblem | "inactive";

/** What the person reads about a link that cannot be used: what happened and what to do. */
export const LINK_PROBLEM_MESSAGES: Record<LinkProblem, string> = {
  unknown: "This link is not valid. Check that you opened the whole link you were sent, or ask your agency's admin for a new one.",
  expired: "This link has expired: links work for 24 hours. Ask your agency's admin for a new one.",
  used: "This link has already been used. If it was not you who used it, tell your agency's admin at once.",
  revoked: "This link was replaced by a newer one or cancelled. Use the newest link you were sent, or ask your agency's admin for a new one.",
  inactive: "This account is deactivated. Ask your agency's admin.",
};

/** A link refused: audited with its purpose and why (never the link), in the caller's transaction, which then commits. */
export async function auditLinkRefused(
  tx: Tx,
  input: { requestId: string; purpose: AccountTokenPurpose; problem: LinkProblem; token: UsableToken | null },
): Promise<void> {
  await audit(tx, { requestId: input.requestId, userId: input.token?.userId ?? null, agencyId: input.token?.agencyId ?? null }, "account.link_refused", {
    outcome: "DENIED",
    ...(input.token ? { target: { type: "AccountToken", id: input.token.id } } : {}),
    details: { purpose: input.purpose, problem: input.problem },
  });
}
