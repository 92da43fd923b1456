"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { forgetAllLocalCopies } from "@/features/wizard/local-copy";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        // Unsaved typing is also kept on the server as a draft; nothing of a child stays on a shared device.
        forgetAllLocalCopies();
        await signOut({ callbackUrl: "/sign-in" });
      }}
      className="rounded border-2 border-white px-3 py-1.5 font-semibold text-white hover:bg-white hover:text-blue-950"
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
