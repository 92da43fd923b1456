import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { parseCalendarDate, wallTimeToInstant } from "@/domain/zoned-time";
import { BadRequestError } from "@/server/use-case-errors";
import { isAuditAction } from "./audit-events";

/** The kinds of record an audit event can be about, in words. */
export const RECORD_TYPES = [
  { code: "Episode", label: "Case (episode)" },
  { code: "Child", label: "Child" },
  { code: "User", label: "Person (user)" },
  { code: "UserSession", label: "Sign-in session" },
  { code: "Team", label: "Team" },
  { code: "Agency", label: "Agency" },
  { code: "AccountToken", label: "Invitation or reset link" },
] as const;

const date = z.iso.date("Enter dates as YYYY-MM-DD.").refine((value) => parseCalendarDate(value) !== null, "Enter a real calendar date.");
const cursor = z.string().regex(/^[1-9]\d{0,18}$/, "That page of the audit trail does not exist.");

/**
 * The audit trail's filters as the query string carries them: ids, codes and calendar dates only.
 * Anything else is tampering, answered 400 with what is wrong.
 */
export const ZAuditFiltersSchema = z
  .object({
    person: z.uuid("Choose a person from the list.").optional(),
    action: z.string().refine(isAuditAction, "Choose an action from the list.").optional(),
    recordType: z.enum(RECORD_TYPES.map((type) => type.code), "Choose a kind of record from the list.").optional(),
    recordId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "A record's id has letters, digits and hyphens only.").optional(),
    from: date.optional(),
    to: date.optional(),
    before: cursor.optional(),
    after: cursor.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.recordType === undefined) !== (value.recordId === undefined)) {
      ctx.addIssue({ code: "custom", path: ["recordId"], message: "Give both the kind of record and its id, or neither." });
    }
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
  });
export type AuditFilters = z.infer<typeof ZAuditFiltersSchema>;

/** The query string as the page or the export route got it; empty values are "no filter". */
export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilters {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (Array.isArray(value) || Object.hasOwn(values, key)) throw new BadRequestError("Give each filter of the audit trail once.");
    if (value !== undefined && value !== "") values[key] = value;
  }
  const parsed = ZAuditFiltersSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(issue?.code === "unrecognized_keys" ? "The audit trail has no such filter." : issue?.message);
  }
  return parsed.data;
}

/** The first instant of a calendar day in the zone (the first minute that exists, on a day that skips midnight). */
function startOfDay(day: string, timeZone: string): Date {
  for (let hour = 0; hour < 24; hour++) {
    const result = wallTimeToInstant(`${day}T${String(hour).padStart(2, "0")}:00`, timeZone);
    if (result.ok) return result.instant;
  }
  throw new RangeError(`no hour of ${day} exists in ${timeZone}`);
}

function dayAfter(day: string): string {
  const { year, month, day: d } = parseCalendarDate(day)!;
  return new Date(Date.UTC(year, month - 1, d + 1)).toISOString().slice(0, 10);
}

/** What the filters add to the agency's trail as SQL; each equality filter matches one of the trail's keyset indexes. */
export function auditFilterSql(filters: AuditFilters, timeZone: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.person) parts.push(Prisma.sql`"actorUserId" = ${filters.person}::uuid`);
  if (filters.action) parts.push(Prisma.sql`"action" = ${filters.action}`);
  if (filters.recordType && filters.recordId) parts.push(Prisma.sql`"targetType" = ${filters.recordType} AND "targetId" = ${filters.recordId}`);
  if (filters.from) parts.push(Prisma.sql`"occurredAt" >= ${startOfDay(filters.from, timeZone)}`);
  if (filters.to) parts.push(Prisma.sql`"occurredAt" < ${startOfDay(dayAfter(filters.to), timeZone)}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, " AND ");
}

/** The filters an audit event of a view or an export records (no cursor). */
export function recordedFilters(filters: AuditFilters) {
  return {
    ...(filters.person ? { actorUserId: filters.person } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.recordType ? { targetType: filters.recordType } : {}),
    ...(filters.recordId ? { targetId: filters.recordId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}
