import type { Metadata } from "next";
import { sessionAtStep, afterSignIn } from "@/server/auth/sign-in-steps";
import { SignInStepPage } from "@/features/auth/sign-in-step-page";
import { SignInCodeForm } from "@/features/auth/sign-in-code-form";

export const metadata: Metadata = { title: "Enter your code" };

/** The second step of signing in. A half-signed session reaches this page and nothing else. */
export default async function SignInCodePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  await sessionAtStep("code", callbackUrl);
  return (
    <SignInStepPage title="Enter your code" intro={<p>Your password was right. Now enter the code from your authenticator app.</p>}>
      <SignInCodeForm callbackUrl={afterSignIn(callbackUrl)} />
    </SignInStepPage>
  );
}
