"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { NewPasswordForm } from "@/features/auth/new-password-form";
import { SecondFactorSetUp, type SetUpView } from "@/features/auth/second-factor-set-up";
import { RecoveryCodes } from "@/features/auth/recovery-codes";
import { postJson } from "@/features/auth/post-json";
import { usePageAction } from "@/features/ui/use-page-action";
import { ZPasswordChangedSchema, ZRecoveryCodesSchema } from "@/lib/schemas/account";

function Done({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="mt-3 rounded border-l-4 border-green-800 bg-white p-3 font-semibold">
      {children}
    </p>
  );
}

function Failure({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="mt-3 font-semibold text-red-800">
      {message}
    </p>
  ) : null;
}

const buttonClass = "rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const secondaryClass = "rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50 disabled:opacity-70";

/** Change password: the current one, then the new one twice. */
export function ChangePasswordForm({ minimum }: { minimum: number }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <NewPasswordForm
        minimum={minimum}
        withCurrent
        submitLabel="Change password"
        send={(values) => {
          setDone(null);
          return postJson("/api/account/password", values);
        }}
        onDone={(result) => {
          const answer = ZPasswordChangedSchema.safeParse(result.body);
          const ended = answer.success ? answer.data.otherSessionsEnded : 0;
          setDone(`Your password was changed.${ended > 0 ? ` ${ended} other ${ended === 1 ? "browser was" : "browsers were"} signed out.` : ""}`);
        }}
      />
      {done ? <Done>{done}</Done> : null}
    </>
  );
}

/** Sets up a second factor, or replaces the one the person has (the new one works once confirmed). */
export function ReplaceSecondFactor({ setUp, replacing }: { setUp: SetUpView; replacing: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(!replacing);
  if (!open) {
    return (
      <button type="button" className={secondaryClass} onClick={() => setOpen(true)}>
        Replace the second factor (a new phone)
      </button>
    );
  }
  return (
    <SecondFactorSetUp
      setUp={setUp}
      submitLabel={replacing ? "Confirm and replace" : "Confirm and turn on"}
      confirm={(body) => postJson("/api/auth/second-factor", body)}
      after={
        <button type="button" className={buttonClass} onClick={() => router.refresh()}>
          I have kept my recovery codes
        </button>
      }
    />
  );
}

/** A button that POSTs (or DELETEs) to one of the person's account routes, then refreshes the page. */
function ActionButton({ path, method = "POST", label, busyLabel, onBody }: { path: string; method?: "POST" | "DELETE"; label: string; busyLabel: string; onBody?: (body: unknown) => void }) {
  const { busy, error, run } = usePageAction();
  const act = () =>
    run(path, { method, onDone: onBody ? async (response) => onBody(response.status === 204 ? null : await response.json().catch(() => null)) : undefined });
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => void act()} className={secondaryClass}>
        {busy ? busyLabel : label}
      </button>
      <Failure message={error} />
    </div>
  );
}

export function RegenerateRecoveryCodes() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <RecoveryCodes codes={codes}>
        <button type="button" className={buttonClass} onClick={() => router.refresh()}>
          I have kept my recovery codes
        </button>
      </RecoveryCodes>
    );
  }
  return (
    <ActionButton
      path="/api/account/recovery-codes"
      label="Make new recovery codes"
      busyLabel="Making codes…"
      onBody={(body) => {
        const answer = ZRecoveryCodesSchema.safeParse(body);
        setCodes(answer.success ? answer.data.recoveryCodes : []);
      }}
    />
  );
}

export function RemoveSecondFactor() {
  return <ActionButton path="/api/account/second-factor" method="DELETE" label="Remove the second factor" busyLabel="Removing…" />;
}

export function EndOtherSessions() {
  return <ActionButton path="/api/account/sessions/end-others" label="Sign out every other browser" busyLabel="Signing out…" />;
}

export function MarkNoticesRead() {
  return <ActionButton path="/api/account/notifications/read" label="Mark as read" busyLabel="Marking…" />;
}
