import "server-only";
import type { Tx } from "@/server/db";
import { NotFoundError } from "@/server/authz/errors";
import { isUuid } from "@/lib/uuid";

export type AgencyPerson = {
  id: string;
  agencyId: string;
  name: string;
  email: string;
  roles: ("CASEWORKER" | "SUPERVISOR" | "ADMIN")[];
  teamId: string | null;
  onCall: boolean;
  active: boolean;
  invited: boolean;
};

/** A person of the agency, locked for the rest of the transaction; another agency's (or no one) is not found. */
export async function loadAgencyPerson(tx: Tx, agencyId: string, userId: string): Promise<AgencyPerson> {
  if (!isUuid(userId)) throw new NotFoundError();
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "id" = ${userId}::uuid AND "agencyId" = ${agencyId}::uuid FOR UPDATE`;
  if (!row) throw new NotFoundError();
  const user = await tx.user.findUniqueOrThrow({
    where: { id: row.id },
    select: { id: true, agencyId: true, name: true, email: true, roles: true, teamId: true, onCall: true, active: true, passwordHash: true },
  });
  const { passwordHash, ...rest } = user;
  return { ...rest, invited: passwordHash === null };
}
