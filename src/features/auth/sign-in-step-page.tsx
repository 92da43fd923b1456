import { ForgetLocalCopies } from "@/features/shell/forget-local-copies";
import { SignOutButton } from "@/features/shell/sign-out-button";

/** The frame of a sign-in step's page: the product's name, the step's heading and a way out. */
export function SignInStepPage({ title, intro, children }: { title: string; intro: React.ReactNode; children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <ForgetLocalCopies />
      <p className="text-lg font-bold text-blue-900">Homeward</p>
      <h1 className="mt-2 text-3xl font-bold">{title}</h1>
      <div className="mt-2 max-w-prose text-slate-700">{intro}</div>
      <div className="mt-6">{children}</div>
      <div className="mt-10 rounded bg-blue-950 p-3">
        <p className="mb-2 text-sm text-white">Not you, or want to start again?</p>
        <SignOutButton />
      </div>
    </main>
  );
}
