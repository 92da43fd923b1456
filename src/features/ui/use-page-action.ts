"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { UNREACHABLE_MESSAGE } from "@/features/auth/post-json";
import { readApiError } from "@/lib/schemas/api-error";

/**
 * A button's request that changes something, then brings the page up to date: busy while it runs,
 * and the server's words (or that it could not be reached) when it fails. `onDone` replaces the
 * refresh when the answer itself is what the page shows next (new recovery codes, for one).
 */
export function usePageAction(failed = "That did not work. Try again.") {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(path: string, options: { method?: "POST" | "DELETE"; onDone?: (response: Response) => Promise<void> | void } = {}): Promise<boolean> {
    setBusy(true);
    setError(null);
    const response = await fetch(path, { method: options.method ?? "POST" }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      if (options.onDone) await options.onDone(response);
      else router.refresh();
      return true;
    }
    setError(response ? ((await readApiError(response))?.error ?? failed) : UNREACHABLE_MESSAGE);
    return false;
  }
  return { busy, error, run };
}
