"use client";

import { useState } from "react";
import { signOutTo } from "./sign-out";
import { sendThenForgetLocalCopies } from "./session-end";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          // What was typed and is only on this device goes to the server as a draft while the session
          // lasts; then nothing of a child stays on a shared device.
          await sendThenForgetLocalCopies();
          if (!(await signOutTo("/sign-in"))) {
            setBusy(false);
            setFailed(true);
          }
        }}
        className="rounded border-2 border-white px-3 py-1.5 font-semibold text-white hover:bg-white hover:text-blue-950"
      >
        {busy ? "Signing out…" : "Sign out"}
      </button>
      <p role="status" className="text-sm">
        {failed ? "You are still signed in: Homeward could not be reached. Try again." : ""}
      </p>
    </>
  );
}
