import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/server/db";

/**
 * Single-use links (an invitation, a password reset): a random secret goes into the link, only its
 * SHA-256 is stored, it is valid for 24 hours and used once. Issuing a new link of the same purpose
 * revokes the person's earlier ones, so only the latest link works.
 */
export const ACCOUNT_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type AccountTokenPurpose = "INVITATION" | "PASSWORD_RESET";

/** Where each link leads. The secret travels in the fragment, which browsers never send to a server or put in a Referer. */
const LINK_PATHS: Record<AccountTokenPurpose, string> = { INVITATION: "/welcome", PASSWORD_RESET: "/reset-password" };

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** 32 random bytes, base64url: 43 characters. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isTokenSecret(value: unknown): value is string {
  return typeof value === "string" && SECRET_PATTERN.test(value);
}

export async function issueAccountToken(
  tx: Tx,
  input: { agencyId: string; userId: string; purpose: AccountTokenPurpose; createdById: string | null; now: Date },
): Promise<{ tokenId: string; secret: string; expiresAt: Date }> {
  await tx.accountToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null, revokedAt: null },
    data: { revokedAt: input.now },
  });
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + ACCOUNT_TOKEN_LIFETIME_MS);
  const row = await tx.accountToken.create({
    data: {
      agencyId: input.agencyId,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashTokenSecret(secret),
      expiresAt,
      createdById: input.createdById,
      createdAt: input.now,
    },
    select: { id: true },
  });
  return { tokenId: row.id, secret, expiresAt };
}

/** Revokes every unused link of the person (deactivation). */
export async function revokeAccountTokens(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.accountToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
}

/** The link to send or show: the app's URL, the purpose's page, the secret in the fragment. */
export function accountLink(baseUrl: string, purpose: AccountTokenPurpose, secret: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${LINK_PATHS[purpose]}#${secret}`;
}

export type UsableToken = { id: string; agencyId: string; userId: string };
export type TokenProblem = "unknown" | "expired" | "used" | "revoked";

/**
 * Finds the link's row and locks it (FOR UPDATE), so two uses at once cannot both succeed. Answers
 * why it cannot be used, or the row; the caller marks it used with `markTokenUsed` in the same
 * transaction as the change it allows.
 */
export async function findUsableToken(
  tx: Tx,
  secret: unknown,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<{ ok: true; token: UsableToken } | { ok: false; problem: TokenProblem; token: UsableToken | null }> {
  if (!isTokenSecret(secret)) return { ok: false, problem: "unknown", token: null };
  const [row] = await tx.$queryRaw<{ id: string; agencyId: string; userId: string; purpose: string; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }[]>`
    SELECT "id", "agencyId", "userId", "purpose"::text AS "purpose", "expiresAt", "usedAt", "revokedAt"
      FROM "AccountToken" WHERE "tokenHash" = ${hashTokenSecret(secret)} FOR UPDATE`;
  if (!row || row.purpose !== purpose) return { ok: false, problem: "unknown", token: null };
  const token = { id: row.id, agencyId: row.agencyId, userId: row.userId };
  if (row.usedAt) return { ok: false, problem: "used", token };
  if (row.revokedAt) return { ok: false, problem: "revoked", token };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired", token };
  return { ok: true, token };
}

export async function markTokenUsed(tx: Tx, tokenId: string, now: Date): Promise<void> {
  await tx.accountToken.update({ where: { id: tokenId }, data: { usedAt: now } });
}
