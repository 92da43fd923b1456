import type { PagePath } from "@/server/authz/pages";

/** The shell's navigation; each entry shows only to roles that may open its page. */
export const NAV_ITEMS: readonly { href: PagePath; label: string }[] = [
  { href: "/", label: "Home" },
  { href: "/cases", label: "Cases" },
  { href: "/reports/new", label: "Report a missing child" },
  { href: "/dashboard", label: "Open episodes" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit trail" },
];

export const ROLE_LABELS: Record<string, string> = {
  CASEWORKER: "Caseworker",
  SUPERVISOR: "Supervisor",
  ADMIN: "Admin",
};
