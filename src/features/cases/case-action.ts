"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { postJson } from "@/features/auth/post-json";
import { announce, ensureAnnouncer } from "@/features/ui/announce";

/**
 * One change asked of the server from the case page: POSTs JSON with the page's version of the
 * episode, then reloads the page's data on success. A refusal comes back as the server's words, and
 * its field errors by field name, for the form to show next to each field (what was typed is kept).
 * A change that worked is said to screen readers in words (`saved`), as the form may close.
 */
export function useCaseAction(version: number) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    ensureAnnouncer();
  }, []);

  async function send(path: string, body: Record<string, unknown>, saved = "Saved. The case is up to date."): Promise<boolean> {
    setBusy(true);
    setFailure(null);
    setFieldErrors({});
    const answer = await postJson(path, { version, ...body });
    setBusy(false);
    if (answer.ok) {
      announce(saved);
      router.refresh();
      return true;
    }
    setFieldErrors(answer.fieldErrors);
    setFailure(Object.keys(answer.fieldErrors).length > 0 ? null : answer.message);
    return false;
  }

  return { send, busy, failure, fieldErrors };
}
