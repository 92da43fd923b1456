import "server-only";
import type { Permission } from "./permissions";

/** The permission each signed-in page requires; pages pass their entry to requirePageActor. */
export const PAGE_PERMISSIONS = {
  "/": "home:view",
  "/cases": "cases:view",
  "/cases/[episodeId]": "cases:view",
  "/cases/[episodeId]/report/[step]": "episodes:record",
  "/cases/[episodeId]/photos": "cases:view",
  "/cases/[episodeId]/packet": "cases:view",
  "/reports/new": "reports:file",
  "/dashboard": "dashboard:view",
  "/reports/on-time": "dashboard:view",
  "/notifications": "profile:manage",
  "/admin/users": "users:view",
  "/admin/users/new": "users:manage",
  "/admin/users/[userId]": "users:view",
  "/admin/teams": "users:view",
  "/admin/audit": "audit:view",
  "/profile": "profile:manage",
  "/admin/settings": "agency:manage",
  "/admin/backups": "backups:manage",
} as const satisfies Record<string, Permission>;

export type PagePath = keyof typeof PAGE_PERMISSIONS;
