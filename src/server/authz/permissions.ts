import "server-only";

/**
 * Who may do what: the one map every page, route handler and server action consults. A person may
 * hold several roles; they may do what any of their roles may. A role that is not a key here (a
 * typo, a role added to the database before the code) adds no permission: the map fails closed.
 */
export const PERMISSIONS_BY_ROLE = {
  // reports:file starts a report and records the return, the debrief and the request to close;
  // episodes:record records a report, a notice or a search activity on any episode of the agency,
  // which supervisors may do too (for a caseworker who is off).
  CASEWORKER: ["home:view", "profile:manage", "cases:view", "reports:file", "episodes:record"],
  // episodes:approve signs off (or returns) an episode's closure, reopens and voids; src/domain/episode-closure.ts decides whose.
  SUPERVISOR: ["home:view", "profile:manage", "cases:view", "dashboard:view", "episodes:approve", "episodes:record"],
  // users:manage changes another person's account; users:view only reads. teams:manage and
  // agency:manage change the agency's teams and rules; backups:manage sees the installation's backups
  // and marks one copied off the machine.
  ADMIN: ["home:view", "profile:manage", "users:view", "users:manage", "teams:manage", "agency:manage", "audit:view", "backups:manage"],
} as const satisfies Record<string, readonly string[]>;

export type KnownRole = keyof typeof PERMISSIONS_BY_ROLE;
export type Permission = (typeof PERMISSIONS_BY_ROLE)[KnownRole][number];
export const KNOWN_ROLES = Object.keys(PERMISSIONS_BY_ROLE) as KnownRole[];

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...new Set(Object.values(PERMISSIONS_BY_ROLE).flat()),
] as Permission[];

function permissionsOfRole(role: string): readonly Permission[] {
  return Object.hasOwn(PERMISSIONS_BY_ROLE, role) ? PERMISSIONS_BY_ROLE[role as KnownRole] : [];
}

/** Everything any of the roles grants, in the map's order, each once. */
export function permissionsOf(roles: readonly string[]): readonly Permission[] {
  const granted = new Set(roles.flatMap(permissionsOfRole));
  return ALL_PERMISSIONS.filter((permission) => granted.has(permission));
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => permissionsOfRole(role).includes(permission));
}
