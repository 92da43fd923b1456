"use client";

import { useRef, useState } from "react";
import { ZSetUpViewSchema } from "@/lib/schemas/account";
import { NewPasswordForm } from "@/features/auth/new-password-form";
import { SecondFactorSetUp, type SetUpView } from "@/features/auth/second-factor-set-up";
import { postJson } from "@/features/auth/post-json";
import { MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR } from "@/domain/password-policy";
import { NO_SECRET_MESSAGE, useLinkSecret } from "./link-secret";

/**
 * An invitation: the person chooses a password, then sets up their second factor on the same
 * page; both are stored together when the factor is confirmed. Then they sign in.
 */
export function WelcomeForm() {
  const secret = useLinkSecret();
  const [chosen, setChosen] = useState<{ password: string; confirmation: string; setUp: SetUpView } | null>(null);
  const typed = useRef({ password: "", confirmation: "" });
  if (secret === undefined) return <p>Loading…</p>;
  if (secret === null) return <p role="alert" className="rounded border-l-4 border-red-700 bg-white p-3 font-semibold text-red-800">{NO_SECRET_MESSAGE}</p>;

  if (!chosen) {
    return (
      <section aria-labelledby="step-password">
        <h2 id="step-password" className="text-xl font-bold">
          Step 1 of 2: choose your password
        </h2>
        <div className="mt-4">
          <NewPasswordForm
            minimum={MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR}
            submitLabel="Continue to the second factor"
            send={(values) => {
              typed.current = { password: values.password, confirmation: values.confirmation };
              return postJson("/api/auth/welcome/check", { ...typed.current, secret });
            }}
            onDone={(result) => {
              const setUp = ZSetUpViewSchema.safeParse(result.body);
              if (setUp.success) setChosen({ ...typed.current, setUp: setUp.data });
            }}
          />
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="step-factor">
      <h2 id="step-factor" className="text-xl font-bold">
        Step 2 of 2: set up your second factor
      </h2>
      <p className="mt-2 max-w-prose">You will sign in with your password and a code from an authenticator app on your phone.</p>
      <div className="mt-4">
        <SecondFactorSetUp
          setUp={chosen.setUp}
          submitLabel="Confirm and finish"
          confirm={(body) => postJson("/api/auth/welcome", { ...body, secret, password: chosen.password, confirmation: chosen.confirmation })}
          after={
            <a href="/sign-in" className="inline-block rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
              I have kept my recovery codes: sign in
            </a>
          }
        />
      </div>
    </section>
  );
}
