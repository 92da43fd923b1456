import type { Metadata } from "next";
import { connection } from "next/server";
import { ForgetLocalCopies } from "@/features/shell/forget-local-copies";
import { WelcomeForm } from "@/features/account/welcome-form";

export const metadata: Metadata = { title: "Welcome to Homeward", referrer: "no-referrer" };

/** An invitation link leads here; its secret stays in the address's fragment, read by the browser. */
export default async function WelcomePage() {
  // Rendered per request: the page's scripts carry the request's CSP nonce.
  await connection();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <ForgetLocalCopies />
      <p className="text-lg font-bold text-blue-900">Homeward</p>
      <h1 className="mt-2 text-3xl font-bold">Welcome to Homeward</h1>
      <p className="mt-2 max-w-prose text-slate-700">Your agency invited you. Choose a password and set up your second factor, then sign in.</p>
      <div className="mt-6">
        <WelcomeForm />
      </div>
    </main>
  );
}
