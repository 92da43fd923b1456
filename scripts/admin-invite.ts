/**
 * npm run admin:invite -- <agency id or exact name> <e-mail address>
 * For an operator recovering an agency that lost its admins: makes the address an active admin of
 * the agency (a new person is invited; an existing one of that agency gets ADMIN back) and prints
 * the single-use link (24 hours) to pass on. Audited with no user, the agency's id. Reads DATABASE_URL.
 */
import { operatorInviteAdmin, runOperatorCommand } from "../src/server/users/operator-invite-admin";

async function main(): Promise<number> {
  const [agency, email, ...rest] = process.argv.slice(2);
  if (!agency || !email || rest.length > 0) {
    console.error("Usage: npm run admin:invite -- <agency id or exact name> <e-mail address>");
    return 1;
  }
  const { link, kind } = await operatorInviteAdmin(agency, email);
  console.log(`${kind === "invitation" ? "Invitation" : "Password reset"} link for the agency's admin (works once, for 24 hours):`);
  console.log(link);
  return 0;
}

runOperatorCommand("admin:invite", main);
