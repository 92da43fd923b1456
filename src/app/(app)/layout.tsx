import { requirePageActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { MainNav } from "@/features/shell/main-nav";
import { SignOutButton } from "@/features/shell/sign-out-button";
import { NAV_ITEMS, ROLE_LABELS } from "@/features/shell/navigation";

/** The signed-in shell. A convenience only: every page below checks the actor itself. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const items = NAV_ITEMS.filter((item) => can(actor.role, PAGE_PERMISSIONS[item.href]));
  return (
    <>
      <header className="bg-blue-950 text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="text-xl font-bold">Homeward</p>
            <p className="text-sm">{actor.agency.name}</p>
          </div>
          <div className="flex items-center gap-4">
            <p className="text-sm">
              <span className="font-semibold">{actor.name}</span>
              <span className="block">{ROLE_LABELS[actor.role] ?? actor.role}</span>
            </p>
            <SignOutButton />
          </div>
        </div>
        <MainNav items={items} />
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
