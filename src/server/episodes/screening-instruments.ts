import "server-only";
import { db } from "@/server/db";

/**
 * The screening instruments an agency adds to the built-in list, by name: for the case page of one
 * of its episodes (whose agency the page's scope already checked).
 */
export async function agencyScreeningInstruments(agencyId: string): Promise<string[]> {
  const agency = await db().agency.findUnique({ where: { id: agencyId }, select: { screeningInstruments: true } });
  return agency?.screeningInstruments ?? [];
}
