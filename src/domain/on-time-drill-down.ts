import { CLOCK_KINDS, CLOCK_LABELS, type ClockKind } from "./clocks";
import { OUTCOMES, TRAFFICKING_FIGURES, TRAFFICKING_FIGURE_LABELS, type Outcome, type TraffickingFigure } from "./on-time-rate";

/**
 * Which episodes behind a figure the page lists, as its `show` parameter says: a clock kind (or
 * "all") and what became of the clocks ("due" for every one), or one of the trafficking figures;
 * with `caseworker`, only the clocks counted against that person. Codes and ids only: never a name.
 */
export const CLOCK_FILTERS = ["due", ...OUTCOMES] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

export type DrillDown =
  | { type: "clocks"; kind: ClockKind | "all"; filter: ClockFilter; caseworkerId: string | null }
  | { type: "trafficking"; figure: TraffickingFigure };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list asked for, null when none was, or "unknown" for a `show` the page does not know. */
export function parseDrillDown(show: string | undefined, caseworker: string | undefined): DrillDown | null | "unknown" {
  if (!show) return null;
  const [subject, filter] = show.split(":");
  if (subject === "trafficking") {
    const figure = TRAFFICKING_FIGURES.find((candidate) => candidate === filter);
    return figure ? { type: "trafficking", figure } : "unknown";
  }
  const kind = subject === "all" ? "all" : CLOCK_KINDS.find((candidate) => candidate === subject);
  const clockFilter = CLOCK_FILTERS.find((candidate) => candidate === filter);
  if (!kind || !clockFilter) return "unknown";
  if (caseworker !== undefined && !UUID.test(caseworker)) return "unknown";
  return { type: "clocks", kind, filter: clockFilter, caseworkerId: caseworker ?? null };
}

export function drillDownParams(drillDown: DrillDown): Record<string, string> {
  if (drillDown.type === "trafficking") return { show: `trafficking:${drillDown.figure}` };
  return { show: `${drillDown.kind}:${drillDown.filter}`, ...(drillDown.caseworkerId ? { caseworker: drillDown.caseworkerId } : {}) };
}

/** Where a page of a list starts: after the row that ended the page before (the order is by start, then id). */
export type ListCursor = { startedAt: Date; id: string };

/** The list's page size: each page is read on its own (decision 026). */
export const LIST_PAGE_SIZE = 50;

export const listCursorParam = (cursor: ListCursor) => `${cursor.startedAt.toISOString()}_${cursor.id}`;

/** The `after` parameter of a list's next page, or "unknown" when it is not one. */
export function parseListCursor(after: string | undefined): ListCursor | null | "unknown" {
  if (after === undefined) return null;
  const [instant, id, extra] = after.split("_");
  if (!instant || !id || extra !== undefined || !UUID.test(id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(instant)) return "unknown";
  const startedAt = new Date(instant);
  return Number.isNaN(startedAt.getTime()) ? "unknown" : { startedAt, id };
}

const FILTER_WORDS: Record<ClockFilter, string> = {
  due: "due",
  "on-time": "met on time",
  late: "met late",
  overdue: "not met and overdue",
  running: "not met and still running",
};

export const filterWords = (filter: Outcome | "due") => FILTER_WORDS[filter];

/** "Law enforcement clocks met late, counted against Casey Morgan". */
export function drillDownTitle(drillDown: DrillDown, caseworkerName: (id: string) => string): string {
  if (drillDown.type === "trafficking") return TRAFFICKING_FIGURE_LABELS[drillDown.figure];
  const kind = drillDown.kind === "all" ? "All clocks" : `${CLOCK_LABELS[drillDown.kind]} clocks`;
  return `${kind} ${FILTER_WORDS[drillDown.filter]}${drillDown.caseworkerId ? `, counted against ${caseworkerName(drillDown.caseworkerId)}` : ""}`;
}
