import { CLOCK_KINDS, CLOCK_LABELS, type ClockKind } from "@/domain/clocks";
import { OUTCOMES, TRAFFICKING_FIGURES, TRAFFICKING_FIGURE_LABELS, type Outcome, type ReportClock, type TraffickingFigure } from "@/domain/on-time-rate";

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

export function clocksBehind(clocks: readonly ReportClock[], drillDown: Extract<DrillDown, { type: "clocks" }>): ReportClock[] {
  return clocks.filter(
    (clock) =>
      (drillDown.kind === "all" || clock.kind === drillDown.kind) &&
      (drillDown.filter === "due" || clock.outcome === drillDown.filter) &&
      (drillDown.caseworkerId === null || clock.caseworkerId === drillDown.caseworkerId),
  );
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
