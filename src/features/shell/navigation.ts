import type { PagePath } from "@/server/authz/pages";

/** The shell's navigation; each entry shows only to roles that may open its page. */
export const NAV_ITEMS: readonly { href: PagePath; label: string }[] = [
  { href: "/", label: "Home" },
  { href: "/cases", label: "Cases" },
  { href: "/reports/new", label: "Report a missing child" },
  { href: "/dashboard", label: "Open episodes" },
  { href: "/reports/on-time", label: "On-time rate" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/audit", label: "Audit trail" },
  { href: "/admin/settings", label: "Agency settings" },
  { href: "/admin/backups", label: "Backups" },
  { href: "/profile", label: "Your account" },
];

export const ROLE_LABELS: Record<string, string> = {
  CASEWORKER: "Caseworker",
  SUPERVISOR: "Supervisor",
  ADMIN: "Admin",
};

/** A person's roles in words, in the map's order: "Caseworker and Supervisor". */
export function rolesText(roles: readonly string[]): string {
  const words = Object.keys(ROLE_LABELS).filter((role) => roles.includes(role)).map((role) => ROLE_LABELS[role]);
  const unknown = roles.filter((role) => !Object.hasOwn(ROLE_LABELS, role));
  const all = [...words, ...unknown];
  return all.length <= 1 ? (all[0] ?? "No role") : `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
}
