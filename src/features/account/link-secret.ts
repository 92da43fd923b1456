"use client";

import { useEffect, useState } from "react";

/**
 * The secret of an invitation or reset link, read from the address's fragment (which the browser
 * never sends to a server), then taken out of the address bar and the history entry. A link pasted
 * into the same tab changes only the fragment: it is read again. Undefined until read; null when
 * the address has none.
 */
export function useLinkSecret(): string | null | undefined {
  const [secret, setSecret] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const read = () => {
      const fragment = window.location.hash.slice(1);
      // After the router has recorded the page (it writes the history entry once it has hydrated).
      if (fragment) setTimeout(() => window.history.replaceState(window.history.state, "", window.location.pathname), 0);
      setSecret((current) => fragment || (current ?? null));
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  return secret;
}

export const NO_SECRET_MESSAGE = "This page needs the whole link you were sent. Open the link from the message again, or ask your agency's admin for a new one.";
