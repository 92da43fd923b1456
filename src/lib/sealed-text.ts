import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Short secrets kept encrypted at rest (a second factor's TOTP secret): AES-256-GCM under a key
 * derived with HKDF-SHA-256 from the application's secret, bound to what it belongs to (its
 * `context`, e.g. the user's id) so a sealed value copied to another row does not open.
 * Sealed form: "v1.<iv>.<tag>.<ciphertext>", base64url. (No "server-only" marker: end-to-end tests
 * put a second factor into the database with it. Client code must not import it.)
 */
const VERSION = "v1";

function keyFrom(applicationSecret: string, purpose: string): Buffer {
  if (applicationSecret.length < 32) throw new Error("The application secret (NEXTAUTH_SECRET) must be at least 32 characters.");
  return Buffer.from(hkdfSync("sha256", applicationSecret, "homeward-sealed-text", purpose, 32));
}

export function sealText(plain: string, options: { applicationSecret: string; purpose: string; context: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(options.applicationSecret, options.purpose), iv);
  cipher.setAAD(Buffer.from(options.context, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), encrypted.toString("base64url")].join(".");
}

/** The plain text, or null when the sealed value was altered, sealed for another context or under another secret. */
export function openText(sealed: string, options: { applicationSecret: string; purpose: string; context: string }): string | null {
  const [version, iv, tag, encrypted, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || encrypted === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(options.applicationSecret, options.purpose), Buffer.from(iv, "base64url"), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(options.context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** Sealing a user's TOTP secret, shared by the server and the tests that give a person a factor. */
export const TOTP_SEAL_PURPOSE = "totp-secret";
