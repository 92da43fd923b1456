import "server-only";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/config/env";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Whether the mail server is this machine, the one place an unencrypted connection cannot be overheard. */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname.toLowerCase());
}

/**
 * nodemailer's options for SMTP_URL. smtps:// is TLS from the first byte (port 465 by default);
 * smtp:// to any host but this machine must upgrade with STARTTLS (requireTLS), so a server that
 * does not offer it, or a network that strips it, gets nothing sent in the clear. Certificates are
 * always verified. Credentials come from the URL's user and password.
 */
export function smtpTransportOptions(smtpUrl: string): SMTPTransport.Options {
  const url = new URL(smtpUrl);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const secure = url.protocol === "smtps:";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const user = decodeURIComponent(url.username);
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !isLocalHost(url.hostname),
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
    tls: { rejectUnauthorized: true, minVersion: "TLSv1.2" },
    // A stuck server must not hold an outbox row's lock for long (deliver-outbox.ts).
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

export type MailTransport = nodemailer.Transporter<SMTPTransport.SentMessageInfo>;

const holder = globalThis as unknown as { homewardMailTransport?: MailTransport };

/** The configured transport (SMTP_URL), made once; undefined when e-mail is off. */
export function mailTransport(): MailTransport | undefined {
  const { SMTP_URL } = env();
  if (!SMTP_URL) return undefined;
  holder.homewardMailTransport ??= nodemailer.createTransport(smtpTransportOptions(SMTP_URL));
  return holder.homewardMailTransport;
}
