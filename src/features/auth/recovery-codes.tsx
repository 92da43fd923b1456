"use client";

import { useEffect, useRef } from "react";

/** The ten recovery codes, shown once: the heading takes focus so the person hears they are there. */
export function RecoveryCodes({ codes, children }: { codes: string[]; children?: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="recovery-codes-title" className="rounded border-2 border-green-800 bg-white p-4">
      <h2 id="recovery-codes-title" ref={heading} tabIndex={-1} className="text-xl font-bold">
        Your recovery codes
      </h2>
      <p className="mt-2 max-w-prose">
        Each code signs you in once if you lose your phone. Write them down or print them now and keep them somewhere safe: they are shown
        only this once.
      </p>
      <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-1 gap-1 font-mono text-lg sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="mt-4">{children}</div>
    </section>
  );
}
