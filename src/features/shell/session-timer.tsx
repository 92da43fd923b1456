"use client";

import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { forgetExpiredLocalCopies } from "@/features/wizard/local-copy";
import { LOCAL_COPY_LEAD_MS, onSessionChange, sendUnsentCopies, sessionContact, sessionEndedByServer, sessionEndsAt, sessionRendered } from "./session-end";

/** Once the session should have ended, the tab reloads: the server shows sign-in with its reason (or the page again, if another tab kept the session alive). */
const RELOAD_AFTER_END_MS = 5_000;
/** Checked at least this often: a sleeping laptop or a throttled background tab fires its timers late. */
const CHECK_EVERY_MS = 60_000;

/**
 * The signed-in shell's watch on its session: nothing typed outlives it on this device even if
 * the tab just sits there. Shortly before the session would end, what is only here is sent to the
 * server as a draft, then the local copies go; at the end, the page is left for sign-in.
 * `idleLeftMs` and `absoluteLeftMs` are what the server had left when it rendered the shell.
 */
export function SessionTimer({ userId, idleLeftMs, absoluteLeftMs }: { userId: string; idleLeftMs: number; absoluteLeftMs: number }) {
  useEffect(() => {
    sessionRendered(userId, { idleMs: idleLeftMs, absoluteMs: absoluteLeftMs });
  }, [userId, idleLeftMs, absoluteLeftMs]);

  // A client-side navigation renders the new page on the server, which checks and renews the
  // session; going back or forward may show a page from the router's cache, so it does not count.
  const pathname = usePathname();
  const shownPath = useRef(pathname);
  const fromHistory = useRef(false);
  useEffect(() => {
    const historyNavigation = () => {
      fromHistory.current = true;
    };
    window.addEventListener("popstate", historyNavigation);
    return () => window.removeEventListener("popstate", historyNavigation);
  }, []);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (!fromHistory.current) sessionContact();
    fromHistory.current = false;
  }, [pathname]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sending = false;
    let stopped = false;
    const check = async () => {
      clearTimeout(timer);
      if (stopped || sending || sessionEndsAt() === null) return;
      if (Date.now() >= sessionEndsAt()! - LOCAL_COPY_LEAD_MS) {
        sending = true;
        // Sending reaches the server while the session lasts, which moves its end on.
        const sent = await sendUnsentCopies();
        sending = false;
        if (stopped) return;
        if (sent === "signed-out") return sessionEndedByServer();
        forgetExpiredLocalCopies();
        if (Date.now() >= sessionEndsAt()! + RELOAD_AFTER_END_MS) return window.location.reload();
      }
      const endsAt = sessionEndsAt()!;
      const next = Date.now() < endsAt - LOCAL_COPY_LEAD_MS ? endsAt - LOCAL_COPY_LEAD_MS : endsAt + RELOAD_AFTER_END_MS;
      timer = setTimeout(() => void check(), Math.min(Math.max(next - Date.now(), 0), CHECK_EVERY_MS));
    };
    const visible = () => {
      if (document.visibilityState === "visible") void check();
    };
    const stopListening = onSessionChange(() => void check());
    document.addEventListener("visibilitychange", visible);
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopListening();
      document.removeEventListener("visibilitychange", visible);
    };
  }, []);

  return null;
}
