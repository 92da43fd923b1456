import type { Metadata } from "next";
import { connection } from "next/server";
import { ForgetLocalCopies } from "@/features/shell/forget-local-copies";
import { ResetPasswordForm } from "@/features/account/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** A password reset link leads here; its secret stays in the address's fragment, read by the browser. */
export default async function ResetPasswordPage() {
  // Rendered per request: the page's scripts carry the request's CSP nonce.
  await connection();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <ForgetLocalCopies />
      <p className="text-lg font-bold text-blue-900">Homeward</p>
      <h1 className="mt-2 text-3xl font-bold">Choose a new password</h1>
      <p className="mt-2 max-w-prose text-slate-700">Your agency&apos;s admin sent you this link. The new password signs you out everywhere.</p>
      <div className="mt-6">
        <ResetPasswordForm />
      </div>
    </main>
  );
}
