import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import type { TAgencySettings } from "@/lib/schemas/agency-settings";
import { readAgencySettings } from "./agency-settings";

/** The admin's own agency's settings, for the settings page. */
export async function getAgencySettings(actor: Actor): Promise<TAgencySettings> {
  assertCan(actor, "agency:manage");
  const { agencyId } = agencyScope(actor);
  return db().$transaction((tx) => readAgencySettings(tx, agencyId));
}
