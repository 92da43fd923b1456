import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { inviteUser } from "@/server/users/invite-user";
import { sendPasswordReset } from "@/server/users/send-password-reset";
import { resetSecondFactor } from "@/server/users/reset-second-factor";
import { hashTokenSecret } from "@/server/accounts/account-tokens";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

// This file runs with e-mail configured (its own module graph reads the environment once):
// links go into the outbox, for the delivery job, instead of to the admin.
const before = process.env.SMTP_URL;
beforeAll(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:2525";
});
afterAll(() => {
  if (before === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = before;
});

beforeEach(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect"`);
});

const ctx = () => ({ requestId: requestId() });

describe("with e-mail configured", () => {
  it("e-mails the invitation (which agency invited them, single-use for 24 hours) and returns no link", async () => {
    const agency = await makeAgency("Lake County Children's Services");
    const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
    const result = await inviteUser(admin, { name: "Dana Example", email: "dana@lake.example.org", roles: ["CASEWORKER"], teamId: "" }, ctx());
    expect(result).toEqual({ userId: expect.any(String), delivery: "emailed" });
    const [email] = await db().outboxEmail.findMany();
    expect(email).toMatchObject({ toAddress: "dana@lake.example.org", agencyId: agency.id, subject: "Lake County Children's Services invited you to Homeward" });
    expect(email!.text).toMatch(/works once, for 24 hours/);
    expect(email!.text).not.toContain("Dana");
    const secret = /\/welcome#([A-Za-z0-9_-]{43})/.exec(email!.text)?.[1];
    expect(await db().accountToken.count({ where: { tokenHash: hashTokenSecret(secret ?? "") } })).toBe(1);
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "user.invited" } })).details).toMatchObject({ delivery: "emailed" });
  });

  it("e-mails a password reset link, and tells a person whose second factor was reset", async () => {
    const agency = await makeAgency();
    const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
    const person = await makeUser(agency.id, "CASEWORKER");
    expect(await sendPasswordReset(admin, person.id, ctx())).toEqual({ delivery: "emailed" });
    await resetSecondFactor(admin, person.id, ctx());
    const emails = await db().outboxEmail.findMany({ orderBy: { createdAt: "asc" }, select: { toAddress: true, subject: true, text: true } });
    expect(emails.map((e) => e.subject)).toEqual(["Choose a new Homeward password", "Your second factor was reset"]);
    expect(emails[0]!.text).toMatch(/\/reset-password#[A-Za-z0-9_-]{43}/);
    expect(emails.every((e) => e.toAddress === person.email)).toBe(true);
  });
});
