import type { Metadata } from "next";
import { sessionAtStep, afterSignIn } from "@/server/auth/sign-in-steps";
import { startSecondFactorSetUp } from "@/server/auth/second-factor-store";
import { SignInStepPage } from "@/features/auth/sign-in-step-page";
import { SignInSetUp } from "@/features/auth/sign-in-set-up";

export const metadata: Metadata = { title: "Set up your second factor" };

/** A person who must have a second factor and has none sets one up before anything else. */
export default async function SignInSecondFactorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  const session = await sessionAtStep("second-factor", callbackUrl);
  const setUp = await startSecondFactorSetUp({ userId: session.userId, email: session.email, agencyName: session.agency.name });
  return (
    <SignInStepPage
      title="Set up your second factor"
      intro={<p>Your agency asks everyone to sign in with a code from an authenticator app as well as a password. This takes about two minutes.</p>}
    >
      <SignInSetUp setUp={setUp} callbackUrl={afterSignIn(callbackUrl)} />
    </SignInStepPage>
  );
}
