"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

/** "3 unread notifications": the words of the header's count. */
export function unreadWords(count: number): string {
  if (count === 0) return "No unread notifications";
  return `${count} unread ${count === 1 ? "notification" : "notifications"}`;
}

/**
 * The header's count of unread notifications, in words, linking to them. When it changes while the
 * page is open (one is marked as read, the page is refreshed) the new count is said politely; the
 * first render says nothing, since the link already does.
 */
export function UnreadCount({ count }: { count: number }) {
  const words = unreadWords(count);
  const shown = useRef(count);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (shown.current === count) return;
    shown.current = count;
    setAnnouncement(words);
  }, [count, words]);
  return (
    <>
      <Link href="/notifications" className={`text-sm text-white underline underline-offset-4 ${count > 0 ? "font-semibold" : ""}`}>
        {words}
      </Link>
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
