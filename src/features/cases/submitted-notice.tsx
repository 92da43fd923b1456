"use client";

import { useEffect } from "react";

/**
 * Says the report was submitted, once: the address's `?submitted=1` is dropped as soon as the notice
 * shows (without reloading), so a later reload or a link back to the case does not say it again.
 */
export function SubmittedNotice() {
  useEffect(() => {
    window.history.replaceState(window.history.state, "", window.location.pathname);
  }, []);
  return (
    <div role="status" className="mb-6 rounded border-l-8 border-green-800 bg-green-50 p-4">
      <h2 className="text-lg font-bold">Report submitted</h2>
      <p>Law enforcement and NCMEC are recorded. Supervisors can see this episode on their list.</p>
    </div>
  );
}
