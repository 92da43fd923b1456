// E-mail delivery from the outbox to a real SMTP server on this machine (smtp-server), through the
// same nodemailer options the app uses.
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { deliverOutbox, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "@/server/mail/deliver-outbox";
import { smtpTransportOptions } from "@/server/mail/transport";
import { bodyOf, headerOf, startSmtpServer } from "./smtp-test-server";

const FROM = "Homeward <no-reply@homeward.test>";
const TEXT =
  "The password of your Homeward account was changed. If you did not do this, tell your agency's admin at once, so that they can end every session of the account.";

let servers: { close(): Promise<void> }[] = [];

async function smtp(options: { refuseRecipients?: boolean } = {}) {
  const server = await startSmtpServer(options);
  servers.push(server);
  return { ...server, transport: nodemailer.createTransport(smtpTransportOptions(server.url)) };
}

function queued(key: string, to = "pat.admin@agency.example.org") {
  return db().outboxEmail.create({ data: { key, agencyId: null, toAddress: to, subject: "Your password was changed", text: TEXT } });
}

beforeEach(async () => {
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect"`);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe("delivering the outbox", () => {
  it("sends an unsent e-mail with its From, To, Subject and text, and marks it sent", async () => {
    const server = await smtp();
    const row = await queued("password.changed:1");
    const result = await deliverOutbox(server.transport, { from: FROM });

    expect(result).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(server.received).toHaveLength(1);
    const [email] = server.received;
    expect(email!.from).toBe("no-reply@homeward.test");
    expect(email!.to).toEqual(["pat.admin@agency.example.org"]);
    expect(headerOf(email!.raw, "From")).toBe(FROM);
    expect(headerOf(email!.raw, "To")).toBe("pat.admin@agency.example.org");
    expect(headerOf(email!.raw, "Subject")).toBe("Your password was changed");
    expect(bodyOf(email!.raw)).toBe(TEXT);

    const stored = await db().outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.sentAt).toBeInstanceOf(Date);
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toBeNull();

    // Nothing is sent again.
    expect(await deliverOutbox(server.transport, { from: FROM })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(server.received).toHaveLength(1);
  });

  it("sends each row once when two deliveries run at the same time", async () => {
    const server = await smtp();
    for (let i = 0; i < 6; i++) await queued(`concurrent:${i}`, `person${i}@agency.example.org`);
    const [first, second] = await Promise.all([deliverOutbox(server.transport, { from: FROM }), deliverOutbox(server.transport, { from: FROM })]);

    expect(first.sent + second.sent).toBe(6);
    expect(server.received).toHaveLength(6);
    expect(new Set(server.received.map((e) => e.to[0])).size).toBe(6);
    expect(await db().outboxEmail.count({ where: { sentAt: null } })).toBe(0);
  });

  it("leaves a refused e-mail unsent, counts the attempt, keeps the error without the address and waits before trying again", async () => {
    const server = await smtp({ refuseRecipients: true });
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const row = await queued("refused:1", "nobody.here@agency.example.org");
    const now = new Date("2026-12-04T12:00:00Z");

    expect(await deliverOutbox(server.transport, { from: FROM, now: () => now })).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    const stored = await db().outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.sentAt).toBeNull();
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toMatch(/550/);
    expect(stored.lastError).toMatch(/RCPT/);
    expect(stored.lastError).not.toMatch(/nobody|agency\.example|[\w.+-]+@[\w-]+\.\w/);
    expect(stored.nextAttemptAt?.toISOString()).toBe(new Date(now.getTime() + retryDelayMs(1)).toISOString());
    // One line per failure, without the address.
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", event: "email.failed", outboxId: row.id, attempts: 1 });
    expect(lines.join("\n")).not.toMatch(/nobody|agency\.example/);

    // Not tried again before its time; tried again after it.
    expect(await deliverOutbox(server.transport, { from: FROM, now: () => new Date(now.getTime() + retryDelayMs(1) - 1) })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(await deliverOutbox(server.transport, { from: FROM, now: () => new Date(now.getTime() + retryDelayMs(1)) })).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    expect((await db().outboxEmail.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(2);
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts with a log line that names no address`, async () => {
    const server = await smtp({ refuseRecipients: true });
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const row = await queued("refused:2", "nobody.here@agency.example.org");
    await db().outboxEmail.update({ where: { id: row.id }, data: { attempts: MAX_DELIVERY_ATTEMPTS - 1 } });

    expect(await deliverOutbox(server.transport, { from: FROM })).toEqual({ sent: 0, failed: 0, gaveUp: 1 });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ level: "error", event: "email.gave_up", outboxId: row.id, attempts: MAX_DELIVERY_ATTEMPTS });
    // Never tried again, whenever the next run is.
    const muchLater = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    expect(await deliverOutbox(server.transport, { from: FROM, now: () => muchLater })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(lines.join("\n")).not.toMatch(/nobody|agency\.example/);
  });
});
