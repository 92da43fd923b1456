/**
 * An agency always keeps at least one active admin: someone must be able to manage its people.
 * A change to one person (their roles, whether they are active) is refused when the agency has an
 * active admin now and would have none after it. An agency that has already lost its admins (an
 * operator recovers it with `npm run admin:invite`) is not blocked by this rule.
 */
export type PersonStanding = { id: string; roles: readonly string[]; active: boolean };

export function isActiveAdmin(person: Pick<PersonStanding, "roles" | "active">): boolean {
  return person.active && person.roles.includes("ADMIN");
}

export function leavesNoActiveAdmin(people: readonly PersonStanding[], after: PersonStanding): boolean {
  const before = people.some(isActiveAdmin);
  const remaining = people.some((person) => (person.id === after.id ? isActiveAdmin(after) : isActiveAdmin(person)));
  return before && !remaining;
}
