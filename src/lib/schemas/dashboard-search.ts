import { z } from "zod";
import { OPEN_STAGES, URGENCIES, type DashboardFilters, type DashboardRequest } from "@/domain/dashboard";

/**
 * The dashboard's filters in its address (/dashboard?team=…&caseworker=…&stage=…&clock=…&page=…)
 * and in its refresh's (/api/dashboard?…): ids and codes only, never anything about a child. One
 * reading for the page, its refreshes and its links. What is not understood is left out (the
 * default applies) rather than refused: an address kept from before a team was removed still opens.
 */
type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

const uuid = z.uuid();
const first = (value: string | string[] | undefined | null) => (Array.isArray(value) ? value[0] : (value ?? undefined));
const pick = <T extends z.ZodType>(schema: T, value: string | undefined): z.infer<T> | null => schema.safeParse(value).data ?? null;

export function parseDashboardSearch(input: SearchInput): DashboardRequest {
  const get = (name: string) => first(input instanceof URLSearchParams ? input.get(name) : input[name]);
  const team = get("team");
  const teamId = pick(uuid, team);
  const page = Number(get("page") ?? "1");
  return {
    team: team === "mine" || team === "all" ? team : teamId ? "one" : null,
    teamId,
    caseworkerId: pick(uuid, get("caseworker")),
    stage: pick(z.enum(OPEN_STAGES), get("stage")),
    clock: pick(z.enum(URGENCIES), get("clock")),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of a set of filters (the team always, so that a shared link means the same to anyone). */
export function dashboardSearch(filters: DashboardFilters, changes: Partial<DashboardFilters> = {}): string {
  const applied = { ...filters, ...changes };
  const params = new URLSearchParams({ team: applied.team === "one" ? (applied.teamId ?? "all") : applied.team });
  if (applied.caseworkerId) params.set("caseworker", applied.caseworkerId);
  if (applied.stage) params.set("stage", applied.stage);
  if (applied.clock) params.set("clock", applied.clock);
  if (applied.page > 1) params.set("page", String(applied.page));
  return params.toString();
}
