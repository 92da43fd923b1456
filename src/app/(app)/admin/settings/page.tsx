import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { getAgencySettings } from "@/server/agency/get-agency-settings";
import { AgencySettingsForm } from "@/features/agency/agency-settings-form";

export const metadata: Metadata = { title: "Agency settings" };

export default async function AgencySettingsPage() {
  const actor = await requirePageActor("/admin/settings");
  const settings = await getAgencySettings(actor);
  return (
    <>
      <h1 className="text-3xl font-bold">Agency settings</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        The rules of {settings.name}. Every change is recorded in the audit trail with what it was before and after. Each clock keeps the rule in force when
        it started.
      </p>
      <AgencySettingsForm initial={settings} />
    </>
  );
}
