import "server-only";
import { createHmac, hkdfSync, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { env } from "@/config/env";
import { openText, sealText, TOTP_SEAL_PURPOSE } from "@/lib/sealed-text";
import { isReplayedStep, RECOVERY_CODE_COUNT, TOTP_DRIFT_STEPS, TOTP_PERIOD_SECONDS } from "@/domain/second-factor-policy";

function applicationSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: second factors cannot be kept without it.");
  return secret;
}

/** A new TOTP secret (20 random bytes, base32, as authenticator apps expect). */
export function newTotpSecret(): string {
  return generateSecret();
}

export function sealTotpSecret(secret: string, userId: string): string {
  return sealText(secret, { applicationSecret: applicationSecret(), purpose: TOTP_SEAL_PURPOSE, context: userId });
}

export function openTotpSecret(sealed: string, userId: string): string | null {
  return openText(sealed, { applicationSecret: applicationSecret(), purpose: TOTP_SEAL_PURPOSE, context: userId });
}

/** The secret in groups of four, for typing into an app that cannot scan. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** The QR code of the otpauth:// address, as an SVG data URL (the page also shows the secret as text). */
export async function totpQrCode(secret: string, account: { email: string; agencyName: string }): Promise<string> {
  const uri = generateURI({ issuer: "Homeward", label: account.email, secret, period: TOTP_PERIOD_SECONDS });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/** Checks a six-digit code, one step of drift either way; a step at or before the last accepted one is a replay. */
export async function checkTotpCode(secret: string, code: string, lastAcceptedStep: number | null, now: Date): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "wrong" };
  const result = await verify({
    secret,
    token: code,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
  });
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "wrong" };
  if (isReplayedStep(result.timeStep, lastAcceptedStep)) return { ok: false, reason: "replayed" };
  return { ok: true, step: result.timeStep };
}

// Recovery codes: 12 characters of an alphabet without look-alikes (60 bits), shown as xxxx-xxxx-xxxx.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LENGTH = 12;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** As a person may type it: any case, with or without dashes and spaces. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(typed: string): boolean {
  const code = normaliseRecoveryCode(typed);
  return code.length === RECOVERY_LENGTH && [...code].every((c) => RECOVERY_ALPHABET.includes(c));
}

let recoveryKey: Buffer | undefined;

/** Only a keyed hash of each code is stored: a copy of the database alone cannot be searched for the codes. */
export function hashRecoveryCode(typed: string): string {
  recoveryKey ??= Buffer.from(hkdfSync("sha256", applicationSecret(), "homeward-recovery-codes", "recovery-code", 32));
  return createHmac("sha256", recoveryKey).update(normaliseRecoveryCode(typed), "utf8").digest("hex");
}
