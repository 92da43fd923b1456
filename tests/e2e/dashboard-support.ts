import { randomUUID } from "node:crypto";
import { withDatabase } from "./support";

/**
 * A team of the demo agency made for one test: a supervisor who leads it (not on call, so the
 * dashboard shows this team alone by default) and a caseworker in it, both with the demo password.
 */
export async function createSupervisedTeam(): Promise<{ teamName: string; supervisor: string; caseworker: string }> {
  const tag = randomUUID().slice(0, 8);
  const teamName = `Team ${tag}`;
  const supervisor = `e2e-sup-${tag}@demo.example.org`;
  const caseworker = `e2e-cw-${tag}@demo.example.org`;
  await withDatabase(async (client) => {
    const { rows } = await client.query(
      `INSERT INTO "Team" ("id", "agencyId", "name", "updatedAt")
       SELECT gen_random_uuid(), "agencyId", $1, now() FROM "User" WHERE "email" = 'supervisor@demo.example.org'
       RETURNING "id"`,
      [teamName],
    );
    const teamId = rows[0].id as string;
    for (const [email, name, role] of [
      [supervisor, `Supervisor ${tag}`, "SUPERVISOR"],
      [caseworker, `Caseworker ${tag}`, "CASEWORKER"],
    ] as const) {
      await client.query(
        `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "teamId", "passwordHash", "updatedAt")
         SELECT gen_random_uuid(), "agencyId", $1, $2, ARRAY[$3]::"Role"[], $4, "passwordHash", now()
           FROM "User" WHERE "email" = 'supervisor@demo.example.org'`,
        [email, name, role, role === "CASEWORKER" ? teamId : null],
      );
    }
    await client.query(`INSERT INTO "TeamSupervisor" ("teamId", "userId") SELECT $1, "id" FROM "User" WHERE "email" = $2`, [teamId, supervisor]);
  });
  return { teamName, supervisor, caseworker };
}

/** When the person's open session was last seen by the server. */
export async function lastSeenOf(email: string): Promise<Date> {
  return withDatabase(
    async (client) =>
      (
        await client.query(
          `SELECT s."lastSeenAt" FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" = $1 AND s."endedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1`,
          [email],
        )
      ).rows[0].lastSeenAt as Date,
  );
}
