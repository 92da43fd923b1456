import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { accountStatus } from "@/domain/account-status";
import { isUuid } from "@/lib/uuid";
import type { AgencyUserRow } from "./list-agency-users";

export type AgencyUserDetail = AgencyUserRow & {
  createdAt: Date;
  failedSignInCount: number;
  deactivatedAt: Date | null;
  passwordChangeRequired: boolean;
  /** The person's open episodes (the caseworker's), to reassign after they leave. */
  openEpisodes: { id: string; childName: string; discoveredAt: Date | null }[];
};

export async function getAgencyUser(actor: Actor, userId: string, context: { requestId: string; now?: Date }): Promise<AgencyUserDetail> {
  assertCan(actor, "users:view");
  const scope = agencyScope(actor);
  if (!isUuid(userId)) throw new NotFoundError();
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: scope.where({ id: userId }),
      select: {
        id: true, name: true, email: true, roles: true, active: true, lockedUntil: true, lastSignInAt: true, createdAt: true,
        failedSignInCount: true, onCall: true, deactivatedAt: true, passwordChangeRequired: true, passwordHash: true, totpEnabledAt: true,
        team: { select: { id: true, name: true } },
      },
    });
    if (!user) throw new NotFoundError();
    const episodes = await tx.episode.findMany({
      where: scope.where({ caseworkerId: user.id, closedAt: null, voidedAt: null }),
      select: { id: true, discoveredAt: true, child: { select: { firstName: true, lastName: true } } },
      orderBy: [{ discoveredAt: "asc" }, { createdAt: "asc" }],
    });
    await audit(tx, auditWho(actor, context.requestId), "user.viewed", { target: { type: "User", id: user.id } });
    const { passwordHash, totpEnabledAt, ...rest } = user;
    return {
      ...rest,
      status: accountStatus({ active: user.active, hasPassword: passwordHash !== null, lockedUntil: user.lockedUntil }, now),
      secondFactor: totpEnabledAt !== null,
      openEpisodes: episodes.map((episode) => ({ id: episode.id, childName: `${episode.child.firstName} ${episode.child.lastName}`, discoveredAt: episode.discoveredAt })),
    };
  });
}
