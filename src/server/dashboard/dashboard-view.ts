import "server-only";
import { STAGE_LABELS } from "@/domain/episode-progress";
import { FLAG_LABELS, URGENCY_LABELS, clockTitle, groupByUrgency, timeLeftText, urgencyOf } from "@/domain/dashboard";
import { formatInstant } from "@/lib/format-time";
import { dashboardSearch } from "@/lib/schemas/dashboard-search";
import type { TDashboardView } from "@/lib/schemas/dashboard-view";
import type { Dashboard } from "./list-dashboard";

/** "2:32 PM EST": a time of day on the agency's clock, with the zone named. */
function timeOfDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(instant);
}

/** The dashboard in words, for the page and for its refreshes alike (times in `timeZone`, the agency's). */
export function dashboardView(dashboard: Dashboard, timeZone: string): TDashboardView {
  const { now } = dashboard;
  return {
    search: dashboardSearch(dashboard.filters),
    counts: dashboard.counts,
    page: dashboard.filters.page,
    pageCount: dashboard.pageCount,
    readAt: timeOfDay(now, timeZone),
    groups: groupByUrgency(dashboard.rows).map(({ urgency, rows }) => ({
      urgency,
      heading: URGENCY_LABELS[urgency],
      rows: rows.map((row) => ({
        episodeId: row.episodeId,
        childName: row.childName,
        age: row.ageAtMissing,
        caseworkerName: row.caseworkerName,
        stage: STAGE_LABELS[row.stage],
        status: row.clocks[0] ? timeLeftText(row.clocks[0].deadline, now) : URGENCY_LABELS.none,
        clocks: row.clocks.map((clock) => ({
          key: `${clock.kind}/${clock.subject}`,
          title: clockTitle(clock.kind, clock.subject),
          deadline: formatInstant(clock.deadline, timeZone),
          timeLeft: timeLeftText(clock.deadline, now),
          urgency: urgencyOf(clock.deadline, now),
        })),
        flags: row.flags.map((flag) => FLAG_LABELS[flag]),
      })),
    })),
  };
}
