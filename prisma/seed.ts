/**
 * Demo data: two agencies, each with a caseworker, a supervisor and an admin, and an intake team
 * with the caseworker as member and the supervisor as its supervisor and on the on-call list. Runs
 * only when the database has no agency yet, so it never touches real data and running it twice
 * changes nothing.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "../src/generated/prisma/client";
import { hashPassword } from "../src/server/auth/password";
import { demoPasswordProblems } from "../src/lib/common-passwords";

export const DEMO_AGENCIES = [
  { domain: "demo.example.org", name: "Demo County Children's Services", state: "NY", timeZone: "America/New_York" },
  { domain: "neighbor.example.org", name: "Neighbor County Human Services", state: "IL", timeZone: "America/Chicago" },
] as const;

export const DEMO_PEOPLE: { local: string; role: Role; names: [string, string] }[] = [
  { local: "caseworker", role: "CASEWORKER", names: ["Casey Morgan", "Jordan Reyes"] },
  { local: "supervisor", role: "SUPERVISOR", names: ["Sam Patel", "Avery Brooks"] },
  { local: "admin", role: "ADMIN", names: ["Alex Kim", "Riley Chen"] },
];

export const DEMO_TEAM_NAME = "Intake team";

export async function seedDemoData(databaseUrl: string, password: string): Promise<{ created: boolean }> {
  // The demo password is held to the rules every password meets (NIST SP 800-63B, no exemption).
  const accounts = DEMO_AGENCIES.flatMap((agency, index) => DEMO_PEOPLE.map((person) => ({ email: `${person.local}@${agency.domain}`, name: person.names[index]! })));
  const problems = demoPasswordProblems(password, accounts);
  if (problems.length > 0) throw new Error(`DEMO_PASSWORD is not allowed as a password: ${problems.join(" ")}`);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const passwordHash = await hashPassword(password);
    return await prisma.$transaction(async (tx) => {
      // Several instances may start at once: one seeds, the others wait and then find it done.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727274)`;
      if ((await tx.agency.count()) > 0) return { created: false };
      for (const [index, agency] of DEMO_AGENCIES.entries()) {
        const created = await tx.agency.create({
          data: {
            name: agency.name,
            state: agency.state,
            timeZone: agency.timeZone,
            users: {
              create: DEMO_PEOPLE.map((person) => ({
                email: `${person.local}@${agency.domain}`,
                name: person.names[index]!,
                roles: [person.role],
                passwordHash,
              })),
            },
          },
          select: { id: true },
        });
        // The demo caseworker works in a team led by the demo supervisor, who is also on call.
        const caseworker = `caseworker@${agency.domain}`;
        const supervisor = await tx.user.update({ where: { email: `supervisor@${agency.domain}` }, data: { onCall: true }, select: { id: true } });
        await tx.team.create({
          data: {
            agencyId: created.id,
            name: DEMO_TEAM_NAME,
            members: { connect: { email: caseworker } },
            supervisors: { create: { userId: supervisor.id } },
          },
        });
      }
      return { created: true };
    });
  } finally {
    await prisma.$disconnect();
  }
}
