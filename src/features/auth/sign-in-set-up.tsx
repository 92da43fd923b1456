"use client";

import { SecondFactorSetUp, type SetUpView } from "./second-factor-set-up";
import { postJson } from "./post-json";

/** Setting up the second factor a person must have before anything else, at sign-in. */
export function SignInSetUp({ setUp, callbackUrl }: { setUp: SetUpView; callbackUrl: string }) {
  return (
    <SecondFactorSetUp
      setUp={setUp}
      confirm={(body) => postJson("/api/auth/second-factor", body)}
      after={
        <a href={callbackUrl} className="inline-block rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
          I have kept my recovery codes: continue
        </a>
      }
    />
  );
}
