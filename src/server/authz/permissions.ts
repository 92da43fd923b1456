import "server-only";

/**
 * Who may do what: the one map every page, route handler and server action consults.
 * A role that is not a key here (a typo, a role added to the database before the code) has no
 * permissions at all: the map fails closed.
 */
export const PERMISSIONS_BY_ROLE = {
  CASEWORKER: ["home:view", "cases:view", "reports:file"],
  SUPERVISOR: ["home:view", "cases:view", "dashboard:view"],
  // users:manage changes another person's account (unlocking it early); users:view only reads.
  ADMIN: ["home:view", "users:view", "users:manage", "audit:view"],
} as const satisfies Record<string, readonly string[]>;

export type KnownRole = keyof typeof PERMISSIONS_BY_ROLE;
export type Permission = (typeof PERMISSIONS_BY_ROLE)[KnownRole][number];

export const ALL_PERMISSIONS: readonly Permission[] = [
  ...new Set(Object.values(PERMISSIONS_BY_ROLE).flat()),
] as Permission[];

export function permissionsOf(role: string): readonly Permission[] {
  return Object.hasOwn(PERMISSIONS_BY_ROLE, role) ? PERMISSIONS_BY_ROLE[role as KnownRole] : [];
}

export function can(role: string, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}
