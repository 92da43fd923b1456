import type { Metadata } from "next";
import { sessionAtStep, afterSignIn } from "@/server/auth/sign-in-steps";
import { MIN_PASSWORD_LENGTH_ALONE, MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR } from "@/domain/password-policy";
import { SignInStepPage } from "@/features/auth/sign-in-step-page";
import { RequiredPasswordForm } from "@/features/auth/new-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

/** An admin asked for a new password: the person chooses one before anything else. */
export default async function NewPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  const session = await sessionAtStep("new-password", callbackUrl);
  return (
    <SignInStepPage title="Choose a new password" intro={<p>Your agency&apos;s admin asked you to choose a new password before you continue.</p>}>
      <RequiredPasswordForm minimum={session.hasSecondFactor ? MIN_PASSWORD_LENGTH_WITH_SECOND_FACTOR : MIN_PASSWORD_LENGTH_ALONE} callbackUrl={afterSignIn(callbackUrl)} />
    </SignInStepPage>
  );
}
