"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { FieldGroup } from "@/features/ui/fields";
import { ErrorSummary } from "@/features/ui/error-summary";
import { adminRequest } from "./admin-request";
import { DeliveredLink, type Delivery } from "./shown-link";

type ActionKey = "deactivate" | "reactivate" | "resend-invitation" | "require-new-password" | "password-reset" | "second-factor-reset";

type Action = {
  key: ActionKey;
  label: string;
  explain: string;
  /** Asked before acting: the actions that end the person's sessions. */
  confirm?: string;
  done: string;
  link?: "invitation" | "password reset";
};

const ACTIONS: Record<ActionKey, Action> = {
  deactivate: {
    key: "deactivate",
    label: "Deactivate the account",
    explain: "They can no longer sign in; every page they have open stops working at once. Their open cases stay theirs until you reassign them.",
    confirm: "Deactivate this account and sign the person out everywhere now?",
    done: "The account is deactivated.",
  },
  reactivate: { key: "reactivate", label: "Reactivate the account", explain: "They can sign in again as before.", done: "The account is active again." },
  "resend-invitation": {
    key: "resend-invitation",
    label: "Send the invitation again",
    explain: "A new single-use link, valid for 24 hours; the earlier link stops working.",
    done: "A new invitation was issued.",
    link: "invitation",
  },
  "require-new-password": {
    key: "require-new-password",
    label: "Require a new password",
    explain: "After a suspected compromise: they are signed out everywhere and must choose a new password at their next sign-in.",
    confirm: "Sign the person out everywhere now and make them choose a new password?",
    done: "They are signed out and must choose a new password.",
  },
  "password-reset": {
    key: "password-reset",
    label: "Send a password reset link",
    explain: "A single-use link, valid for 24 hours, where they choose a new password.",
    done: "A password reset link was issued.",
    link: "password reset",
  },
  "second-factor-reset": {
    key: "second-factor-reset",
    label: "Reset the second factor",
    explain: "For a lost authenticator: their second factor and recovery codes are removed, they are signed out everywhere and set up a new factor at their next sign-in. They are told.",
    confirm: "Remove the person's second factor and sign them out everywhere now?",
    done: "The second factor was reset.",
  },
};

/** The admin's actions on one account; those that end the person's sessions ask first. */
export function PersonActions({ userId, available }: { userId: string; available: ActionKey[] }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<ActionKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ action: Action; delivery: Delivery | null } | null>(null);

  async function run(action: Action) {
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    const answer = await adminRequest<Record<string, unknown>>("POST", `/api/admin/users/${userId}/${action.key}`);
    setBusy(false);
    setConfirming(null);
    if (!answer.ok) return setFailure(answer.error);
    const data = answer.data;
    const delivery: Delivery | null =
      data.delivery === "emailed" ? { delivery: "emailed" } : data.delivery === "shown" && typeof data.link === "string" ? { delivery: "shown", link: data.link } : null;
    setOutcome({ action, delivery });
    router.refresh();
  }

  return (
    <FieldGroup title="Account actions">
      <ErrorSummary errors={failure ? [{ message: failure }] : []} title="That was not done" />
      {outcome ? (
        <div className="space-y-3">
          <p role="status" className="font-semibold">
            {outcome.action.done}
          </p>
          {outcome.delivery && outcome.action.link ? <DeliveredLink result={outcome.delivery} what={outcome.action.link} /> : null}
        </div>
      ) : null}
      <ul className="space-y-5">
        {available.map((key) => {
          const action = ACTIONS[key];
          return (
            <li key={key}>
              {confirming === key ? (
                <div role="group" aria-labelledby={`${key}-question`} className="rounded border-2 border-amber-700 p-3">
                  <p id={`${key}-question`} className="font-semibold">
                    {action.confirm}
                  </p>
                  <div className="mt-3 flex flex-wrap gap-3">
                    <button type="button" disabled={busy} onClick={() => void run(action)} className="rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-70">
                      {busy ? "Working…" : `Yes: ${action.label.toLowerCase()}`}
                    </button>
                    <button type="button" disabled={busy} onClick={() => setConfirming(null)} className="rounded border-2 border-slate-700 px-4 py-2 font-semibold">
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => (action.confirm ? setConfirming(key) : void run(action))}
                  className="rounded border-2 border-blue-800 px-4 py-2 font-semibold text-blue-800 hover:bg-blue-50 disabled:opacity-70"
                >
                  {action.label}
                </button>
              )}
              <p className="mt-1 max-w-prose text-slate-700">{action.explain}</p>
            </li>
          );
        })}
      </ul>
    </FieldGroup>
  );
}
