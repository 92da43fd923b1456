import "server-only";
import type { SessionUser } from "@/server/auth/sessions";
import { ForbiddenError } from "./errors";
import { can, permissionsOf, type Permission } from "./permissions";

/**
 * The signed-in person as every use case sees it. Kept apart from actor.ts (which reads the
 * request through Next.js) so that use cases run the same in Next, in tests and in scripts.
 */
export type Actor = SessionUser & { permissions: readonly Permission[] };

export function actorFrom(user: SessionUser): Actor {
  return { ...user, permissions: permissionsOf(user.roles) };
}

/** Throws ForbiddenError unless one of the actor's roles grants the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) throw new ForbiddenError();
}
