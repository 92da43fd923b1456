import { signedInActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { PAGE_PERMISSIONS } from "@/server/authz/pages";
import { MainNav } from "@/features/shell/main-nav";
import { SignOutButton } from "@/features/shell/sign-out-button";
import { NAV_ITEMS, rolesText } from "@/features/shell/navigation";
import { SessionTimer } from "@/features/shell/session-timer";
import { UnreadCount } from "@/features/shell/unread-count";

/** The signed-in shell. A convenience only: every page below checks the actor itself. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await signedInActor();
  const items = NAV_ITEMS.filter((item) => can(actor.roles, PAGE_PERMISSIONS[item.href]));
  // What is left of the session, so that the browser keeps nothing typed past it (its clock may differ from ours).
  const now = new Date().getTime();
  return (
    <>
      <header className="bg-blue-950 text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="text-xl font-bold">Homeward</p>
            <p className="text-sm">{actor.agency.name}</p>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <UnreadCount count={actor.unreadNotifications ?? 0} />
            <p className="text-sm">
              <span className="font-semibold">{actor.name}</span>
              <span className="block">{rolesText(actor.roles)}</span>
            </p>
            <SignOutButton />
          </div>
        </div>
        <MainNav items={items} />
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
      {/* The warning before the session ends is a modal dialog: outside the header and the page's landmarks. */}
      {actor.sessionEnds ? (
        <SessionTimer
          userId={actor.userId}
          idleLeftMs={actor.sessionEnds.idleAt.getTime() - now}
          absoluteLeftMs={actor.sessionEnds.absoluteAt.getTime() - now}
          timeZone={actor.agency.timeZone}
        />
      ) : null}
    </>
  );
}
