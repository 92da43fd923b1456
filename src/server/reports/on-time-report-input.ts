import "server-only";
import { z } from "zod";
import { BadRequestError } from "@/server/use-case-errors";
import {
  dateRangeProblem,
  federalPeriodCode,
  federalPeriodDates,
  federalPeriodOf,
  parseFederalPeriod,
  type DateRange,
  type FederalPeriod,
} from "@/domain/on-time-rate";

/**
 * What the on-time report covers: a federal period ("2026A") or calendar days in the agency's zone
 * (from and to, both included). Given neither, the period we are in. Read from a page's or a
 * download's query string; anything else in it is the caller's.
 */
const ZOnTimeReportInputSchema = z.object({
  period: z.string().max(10).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

export type OnTimeReportScope = { period: FederalPeriod | null; range: DateRange };

const PERIOD_HELP = "Choose a federal period such as 2026A (October 2025 – March 2026) or 2026B (April – September 2026).";

/** The query's period or range, or BadRequestError saying in words what to change. */
export function parseOnTimeReportInput(input: unknown, context: { now: Date; timeZone: string }): OnTimeReportScope {
  const source = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const parsed = ZOnTimeReportInputSchema.safeParse(
    // A repeated query parameter arrives as a list: the first one counts.
    Object.fromEntries(Object.entries(typeof source === "object" && source !== null ? source : {}).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
  if (!parsed.success) throw new BadRequestError(`${PERIOD_HELP} Or enter the first and last day of a range.`);
  const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
  const period = blank(parsed.data.period);
  const from = blank(parsed.data.from);
  const to = blank(parsed.data.to);
  if (period !== undefined && (from !== undefined || to !== undefined)) throw new BadRequestError("Choose either a federal period or a range of days, not both.");
  if (period !== undefined) {
    const federal = parseFederalPeriod(period);
    if (!federal) throw new BadRequestError(PERIOD_HELP);
    return { period: federal, range: federalPeriodDates(federal) };
  }
  if (from === undefined && to === undefined) {
    const current = federalPeriodOf(context.now, context.timeZone);
    return { period: current, range: federalPeriodDates(current) };
  }
  if (from === undefined || to === undefined) throw new BadRequestError("Enter both the first and the last day of the range.");
  const problem = dateRangeProblem({ from, to });
  if (problem) throw new BadRequestError(problem);
  return { period: null, range: { from, to } };
}

/** The scope as a query string, the way the page, its links and its downloads say it. */
export function onTimeReportQuery(scope: OnTimeReportScope): URLSearchParams {
  return scope.period ? new URLSearchParams({ period: federalPeriodCode(scope.period) }) : new URLSearchParams({ from: scope.range.from, to: scope.range.to });
}
