import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/server/db";
import { audit, type AuditWho } from "@/server/audit/audit";
import { emailAddress, requiredText } from "@/lib/schemas/fields";
import { US_STATES } from "@/domain/code-sets";
import { isValidTimeZone } from "@/domain/zoned-time";
import { isUuid } from "@/lib/uuid";
import { lockAgency } from "./account-changes";
import { sendAccountLink } from "./account-links";
import { createInvitation } from "./create-invitation";

/**
 * An operator's commands, with no signed-in actor: the audit events name no user, only the agency.
 * `npm run admin:invite` recovers an agency that lost its admins; `npm run agency:create` adds an
 * agency. Both answer the link to print (never e-mailed: the operator passes it on).
 */

/** A mistake in what the operator typed: printed as it is, exit code 1. */
export class OperatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperatorInputError";
  }
}

const OPERATOR_ADMIN_NAME = "Agency admin";
const ZEmail = z.pipe(emailAddress("Give the admin's e-mail address, like name@agency.gov"), z.transform((value: string) => value.toLowerCase()));

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OperatorInputError(parsed.error.issues[0]?.message ?? "Invalid input");
  return parsed.data;
}

const operator = (agencyId: string): AuditWho => ({ requestId: `operator-${randomUUID()}`, userId: null, agencyId });

/**
 * Makes the address an active admin of the agency (by id or exact name) and answers a link: an
 * invitation for a new person or one who never chose a password, else a password-reset link.
 */
export async function operatorInviteAdmin(agencyRef: string, emailInput: string, now = new Date()): Promise<{ link: string; kind: "invitation" | "password reset" }> {
  const email = parse(ZEmail, emailInput);
  const agencies = await db().agency.findMany({ where: isUuid(agencyRef) ? { OR: [{ id: agencyRef }, { name: agencyRef }] } : { name: agencyRef }, select: { id: true } });
  if (agencies.length === 0) throw new OperatorInputError("No agency has this id or exact name.");
  if (agencies.length > 1) throw new OperatorInputError("Several agencies have this name: give the agency's id instead.");
  const agencyId = agencies[0]!.id;
  const who = operator(agencyId);
  return db().$transaction(async (tx) => {
    await lockAgency(tx, agencyId);
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, agencyId: true, roles: true, active: true, passwordHash: true } });
    if (!existing) {
      const invited = await createInvitation(tx, who, { agencyId, person: { name: OPERATOR_ADMIN_NAME, email, roles: ["ADMIN"], teamId: "" }, now, showOnly: true });
      return { link: linkOf(invited), kind: "invitation" as const };
    }
    if (existing.agencyId !== agencyId) throw new OperatorInputError("This e-mail address belongs to an account of another agency.");
    const roles = existing.roles.includes("ADMIN") ? existing.roles : [...existing.roles, "ADMIN" as const];
    if (roles !== existing.roles || !existing.active) {
      await tx.user.update({ where: { id: existing.id }, data: { roles, active: true, deactivatedAt: null } });
      await audit(tx, who, "user.updated", {
        target: { type: "User", id: existing.id },
        details: { before: { roles: existing.roles, active: existing.active }, after: { roles, active: true } },
      });
    }
    const target = { type: "User", id: existing.id } as const;
    if (existing.passwordHash === null) {
      const sent = await sendAccountLink(tx, { agencyId, userId: existing.id, purpose: "INVITATION", createdById: null, now, showOnly: true });
      await audit(tx, who, "user.invitation_resent", { target, details: { delivery: "shown" } });
      return { link: linkOf(sent), kind: "invitation" as const };
    }
    const sent = await sendAccountLink(tx, { agencyId, userId: existing.id, purpose: "PASSWORD_RESET", createdById: null, now, showOnly: true });
    await audit(tx, who, "user.password_reset_sent", { target, details: { delivery: "shown" } });
    return { link: linkOf(sent), kind: "password reset" as const };
  });
}

function linkOf(sent: { delivery: "emailed" } | { delivery: "shown"; link: string }): string {
  if (sent.delivery !== "shown") throw new Error("an operator's link is always shown");
  return sent.link;
}

const STATE_CODES = US_STATES.map((state) => state.code);

const ZNewAgency = z.object({
  name: requiredText("Give the agency's name", 200),
  state: z.string().refine((code) => STATE_CODES.includes(code), "Give the state as its two-letter postal code, like NY or MO"),
  timeZone: z.string().refine(isValidTimeZone, "Give the time zone by its IANA name, like America/Chicago"),
  email: ZEmail,
});

/** Adds an agency and invites its first admin; answers the agency's id and the invitation link. */
export async function operatorCreateAgency(
  input: { name: string; state: string; timeZone: string; email: string },
  now = new Date(),
): Promise<{ agencyId: string; link: string }> {
  const { name, state, timeZone, email } = parse(ZNewAgency, input);
  return db().$transaction(async (tx) => {
    // One agency added at a time, so two commands cannot add the same name.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727275)`;
    if (await tx.agency.findFirst({ where: { name }, select: { id: true } })) throw new OperatorInputError("An agency with this name already exists.");
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new OperatorInputError("This e-mail address is already in use by another account.");
    const agency = await tx.agency.create({ data: { name, state, timeZone }, select: { id: true } });
    const who = operator(agency.id);
    await audit(tx, who, "agency.created", { target: { type: "Agency", id: agency.id }, details: { name, state, timeZone } });
    const invited = await createInvitation(tx, who, { agencyId: agency.id, person: { name: OPERATOR_ADMIN_NAME, email, roles: ["ADMIN"], teamId: "" }, now, showOnly: true });
    return { agencyId: agency.id, link: linkOf(invited) };
  });
}

/**
 * Runs an operator's command: exit code 0 when it succeeds, 1 with the message for a mistake in
 * what was typed, 2 when it could not run; the database connection is closed either way.
 */
export function runOperatorCommand(command: string, main: () => Promise<number>): void {
  const finish = async (code: number) => {
    await db().$disconnect();
    process.exit(code);
  };
  main()
    .then(finish)
    .catch(async (error: unknown) => {
      if (error instanceof OperatorInputError) console.error(error.message);
      else console.error(`${command} could not run: ${error instanceof Error ? error.message : String(error)}`);
      await finish(error instanceof OperatorInputError ? 1 : 2);
    });
}
