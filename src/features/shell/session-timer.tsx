"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { sessionEndOf, sessionWarningAt, sessionWarningDue } from "@/domain/session-policy";
import { forgetExpiredLocalCopies } from "@/features/wizard/local-copy";
import { announce } from "@/features/ui/announce";
import {
  LOCAL_COPY_LEAD_MS,
  checkSessionUnattended,
  hasUnsentCopies,
  keepUnsentCopiesUnattended,
  knownSessionDeadlines,
  onSessionChange,
  sessionContact,
  sessionEndedByServer,
  sessionRendered,
  staySignedIn,
} from "./session-end";
import { SessionWarningDialog, type ShownWarning } from "./session-warning";

/** Once the session should have ended, the tab asks the server, which has the last word (another tab may have kept the session alive). */
const RELOAD_AFTER_END_MS = 5_000;
/** Checked at least this often: a sleeping laptop or a throttled background tab fires its timers late. */
const CHECK_EVERY_MS = 60_000;
/** Two ends this close are one end, seen through different requests' delays. */
const SAME_END_MS = 10_000;

function currentEnd(): number | null {
  const deadlines = knownSessionDeadlines();
  return deadlines ? sessionEndOf(deadlines).getTime() : null;
}

const sameEnd = (a: number | null, b: number) => a !== null && Math.abs(a - b) < SAME_END_MS;

/**
 * The signed-in shell's watch on its session (issues 9 and 13). Two minutes before it would end,
 * after asking the server (another tab may have used it), a dialog says so and offers to stay
 * signed in (not at the 12-hour limit, which nothing moves). A minute before, what is only on this
 * device is sent to the server as a draft, without that keeping the session alive; then the local
 * copies go. At the end, the server says whether the session is over, and sign-in says why and
 * whether what was typed was kept. `idleLeftMs` and `absoluteLeftMs` are what the server had left
 * when it rendered the shell; times are shown on the agency's clock (`timeZone`).
 */
export function SessionTimer({ userId, idleLeftMs, absoluteLeftMs, timeZone }: { userId: string; idleLeftMs: number; absoluteLeftMs: number; timeZone: string }) {
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

  const [warning, setWarning] = useState<ShownWarning | null>(null);
  // The end whose 12-hour warning the person has read: not shown again.
  const acknowledged = useRef<number | null>(null);

  /** Shows the warning that is due by what this tab knows now, or none. */
  const showDueWarning = useCallback(() => {
    const deadlines = knownSessionDeadlines();
    const now = Date.now();
    const due = deadlines ? sessionWarningDue(deadlines, new Date(now)) : "none";
    const endsAt = deadlines ? sessionEndOf(deadlines).getTime() : 0;
    if (due === "none" || (due === "absolute-soon" && sameEnd(acknowledged.current, endsAt))) return setWarning(null);
    setWarning((shown) => (shown && shown.kind === due && sameEnd(shown.endsAt, endsAt) ? shown : { kind: due, endsAt, shownAt: now }));
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let busy = false;
    let stopped = false;
    // The end the server was asked about before warning of it, and the one the copies were sent for.
    let confirmedEnd: number | null = null;
    let sentEnd: number | null = null;
    // Whether what was typed reached the server, for the sign-in page to say.
    let work: "kept" | "not-sent" = "kept";

    const schedule = () => {
      const deadlines = knownSessionDeadlines();
      if (!deadlines) return;
      const endsAt = sessionEndOf(deadlines).getTime();
      const now = Date.now();
      const moments = [sessionWarningAt(deadlines).getTime(), endsAt - LOCAL_COPY_LEAD_MS, endsAt + RELOAD_AFTER_END_MS].filter((at) => at > now);
      const next = moments.length > 0 ? Math.min(...moments) : now + 1_000;
      timer = setTimeout(() => void check(), Math.min(next - now, CHECK_EVERY_MS));
    };

    const check = async () => {
      clearTimeout(timer);
      if (stopped || busy) return;
      let endsAt = currentEnd();
      if (endsAt === null) return;
      busy = true;
      try {
        if (Date.now() >= endsAt + RELOAD_AFTER_END_MS) {
          const answer = await checkSessionUnattended();
          if (stopped) return;
          // Copies still here were never sent (the tab slept through the end, say): not kept.
          if (answer.kind === "signed-out") return sessionEndedByServer({ reason: answer.reason, work: hasUnsentCopies() ? "not-sent" : work });
          // Not reached: the server decides on a full load (sign-in, or the page again).
          if (answer.kind === "failed") return window.location.reload();
          endsAt = confirmedEnd = currentEnd()!;
        }
        const deadlines = knownSessionDeadlines()!;
        if (sessionWarningDue(deadlines, new Date()) !== "none" && !sameEnd(confirmedEnd, endsAt)) {
          // Before warning: the server's word on the end (not activity). Not reached: warn all the same.
          const answer = await checkSessionUnattended();
          if (stopped) return;
          if (answer.kind === "signed-out") return sessionEndedByServer({ reason: answer.reason, work: hasUnsentCopies() ? "not-sent" : work });
          endsAt = confirmedEnd = currentEnd()!;
        }
        if (Date.now() >= endsAt - LOCAL_COPY_LEAD_MS && !sameEnd(sentEnd, endsAt)) {
          // Nobody has used the page: what is only here goes to the server as a draft, which does
          // not keep the session alive, then no copy outlives the session on this device.
          const sent = await keepUnsentCopiesUnattended();
          if (stopped) return;
          if (sent.outcome === "signed-out") return sessionEndedByServer({ reason: sent.reason, work: "not-sent" });
          work = sent.outcome === "sent" ? "kept" : "not-sent";
          sentEnd = currentEnd();
          forgetExpiredLocalCopies();
        }
      } finally {
        busy = false;
      }
      showDueWarning();
      schedule();
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
  }, [showDueWarning]);

  const stay = useCallback(async () => {
    const outcome = await staySignedIn();
    if (outcome === "signed-out") sessionEndedByServer();
    if (outcome === "renewed") {
      showDueWarning();
      const deadlines = knownSessionDeadlines();
      if (deadlines && sessionWarningDue(deadlines, new Date()) === "none") announce("You are still signed in.");
    }
    return outcome;
  }, [showDueWarning]);

  const acknowledge = useCallback(() => {
    acknowledged.current = currentEnd();
    setWarning(null);
  }, []);

  return <SessionWarningDialog warning={warning} timeZone={timeZone} onStay={stay} onAcknowledge={acknowledge} />;
}
