import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { loadProfile } from "@/server/auth/load-profile";
import { startSecondFactorSetUp } from "@/server/auth/second-factor-store";
import { listUnreadNotifications } from "@/server/notifications/list-unread";
import { MIN_PASSWORD_LENGTH_ALONE, MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR } from "@/domain/password-policy";
import { formatInstant } from "@/lib/format-time";
import { ChangePasswordForm, EndOtherSessions, MarkNoticesRead, RegenerateRecoveryCodes, RemoveSecondFactor, ReplaceSecondFactor } from "@/features/account/account-actions";

export const metadata: Metadata = { title: "Your account" };

/** Every signed-in person's own account: notices, password, second factor, signed-in browsers. */
export default async function ProfilePage() {
  const actor = await requirePageActor("/profile");
  const [profile, notices] = await Promise.all([loadProfile(actor), listUnreadNotifications(actor)]);
  const setUp = await startSecondFactorSetUp({ userId: actor.userId, email: actor.email, agencyName: actor.agency.name });
  const zone = actor.agency.timeZone;
  const others = profile.sessions.filter((s) => !s.current).length;

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold">Your account</h1>
        <p className="mt-2 text-slate-700">
          {actor.name} · {actor.email}
        </p>
      </div>

      <section aria-labelledby="notices-title">
        <h2 id="notices-title" className="text-2xl font-bold">
          Notices
        </h2>
        <p className="mt-2">
          Your unread notices show here until you mark them as read.{" "}
          <Link className="text-blue-800 underline" href="/notifications">
            See all your notifications
          </Link>
          , read ones and reminders of deadlines included.
        </p>
        {notices.length === 0 ? (
          <p className="mt-2">You have no unread notices.</p>
        ) : (
          <>
            <ul className="mt-3 space-y-3">
              {notices.map((notice) => (
                <li key={notice.id} className="rounded border-l-4 border-blue-800 bg-white p-3">
                  <p className="font-semibold">{notice.title}</p>
                  <p className="mt-1">{notice.text}</p>
                  <p className="mt-1 text-sm text-slate-700">{formatInstant(notice.createdAt, zone)}</p>
                </li>
              ))}
            </ul>
            <div className="mt-3">
              <MarkNoticesRead />
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="password-title" className="max-w-xl">
        <h2 id="password-title" className="text-2xl font-bold">
          Password
        </h2>
        <p className="mt-2 text-slate-700">
          {profile.passwordChangedAt ? `Last changed ${formatInstant(profile.passwordChangedAt, zone)}.` : "Set when your account was made."} Changing it signs
          out every other browser.
        </p>
        <div className="mt-4">
          <ChangePasswordForm minimum={profile.hasSecondFactor ? MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR : MIN_PASSWORD_LENGTH_ALONE} />
        </div>
      </section>

      <section aria-labelledby="factor-title" className="max-w-xl">
        <h2 id="factor-title" className="text-2xl font-bold">
          Second factor
        </h2>
        {profile.hasSecondFactor ? (
          <>
            <p className="mt-2">
              <span className="font-semibold">On:</span> an authenticator app, set up {formatInstant(profile.secondFactorSince!, zone)}. You have{" "}
              {profile.recoveryCodesLeft} unused recovery {profile.recoveryCodesLeft === 1 ? "code" : "codes"}.
            </p>
            <div className="mt-4 space-y-4">
              <RegenerateRecoveryCodes />
              <ReplaceSecondFactor setUp={setUp} replacing />
              {profile.mayRemoveSecondFactor ? <RemoveSecondFactor /> : <p className="text-slate-700">Your agency asks you to keep a second factor: you can replace it, not remove it.</p>}
            </div>
          </>
        ) : (
          <>
            <p className="mt-2">
              <span className="font-semibold">Off.</span> Your agency lets you sign in without one, but a second factor keeps your account safe if your password is ever
              stolen.
            </p>
            <div className="mt-4">
              <ReplaceSecondFactor setUp={setUp} replacing={false} />
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-2xl font-bold">
          Where you are signed in
        </h2>
        <ul className="mt-3 space-y-3" aria-label="Signed-in browsers">
          {profile.sessions.map((s) => (
            <li key={s.id} className="rounded border border-slate-400 bg-white p-3">
              <p className="font-semibold">
                {s.browser}
                {s.current ? " (this browser)" : ""}
              </p>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-sm">
                <dt>Signed in</dt>
                <dd>{formatInstant(s.createdAt, zone)}</dd>
                <dt>Last active</dt>
                <dd>{formatInstant(s.lastSeenAt, zone)}</dd>
              </dl>
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <div className="mt-3">
            <EndOtherSessions />
          </div>
        ) : (
          <p className="mt-3">You are not signed in anywhere else.</p>
        )}
      </section>
    </div>
  );
}
