/**
 * npm run agency:create -- <name> <state> <time zone> <first admin's e-mail address>
 * Adds an agency (state: two-letter postal code; time zone: IANA name, like America/Chicago) and
 * prints its first admin's single-use invitation link (24 hours). Audited with no user, the new
 * agency's id. Reads DATABASE_URL.
 */
import { operatorCreateAgency, runOperatorCommand } from "../src/server/users/operator-invite-admin";

async function main(): Promise<number> {
  const [name, state, timeZone, email, ...rest] = process.argv.slice(2);
  if (!name || !state || !timeZone || !email || rest.length > 0) {
    console.error('Usage: npm run agency:create -- "<agency name>" <state> <time zone> <first admin\'s e-mail address>');
    return 1;
  }
  const { agencyId, link } = await operatorCreateAgency({ name, state, timeZone, email });
  console.log(`Agency added: ${agencyId}`);
  console.log("Invitation link for its first admin (works once, for 24 hours):");
  console.log(link);
  return 0;
}

runOperatorCommand("agency:create", main);
