import { z } from "zod";

const PREFIX = "homeward:draft:";

const ZLocalCopySchema = z.object({ at: z.number(), values: z.record(z.string(), z.unknown()), baseVersion: z.number() });
export type TLocalCopy = z.infer<typeof ZLocalCopySchema>;

/**
 * This device's copy of what a person typed in one step, kept at every change: it survives a
 * reload, a closed laptop or a dropped connection. Browser-only (localStorage).
 */
/** Forgets every local copy on this device, whoever typed it (at sign-out). */
export function forgetAllLocalCopies() {
  for (const stored of Object.keys(window.localStorage)) if (stored.startsWith(PREFIX)) window.localStorage.removeItem(stored);
}

export function localCopy(options: { userId: string; episodeId: string; step: string }) {
  const mine = `${PREFIX}${options.userId}:`;
  const key = `${mine}${options.episodeId}:${options.step}`;
  return {
    /** Another person's copies on this device are not theirs to see. */
    forgetOtherPeoples() {
      for (const stored of Object.keys(window.localStorage)) {
        if (stored.startsWith(PREFIX) && !stored.startsWith(mine)) window.localStorage.removeItem(stored);
      }
    },
    /** The copy when it is newer than the server's draft (`serverDraftAt`); an older or unreadable one is dropped. */
    newerThan(serverDraftAt: number | null): TLocalCopy | null {
      const stored = window.localStorage.getItem(key);
      if (!stored) return null;
      let copy: TLocalCopy | null = null;
      try {
        copy = ZLocalCopySchema.parse(JSON.parse(stored));
      } catch {
        // Unreadable: dropped below.
      }
      if (copy && copy.at > (serverDraftAt ?? 0)) return copy;
      window.localStorage.removeItem(key);
      return null;
    },
    write(values: Record<string, unknown>, baseVersion: number) {
      window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values, baseVersion }));
    },
    clear() {
      window.localStorage.removeItem(key);
    },
  };
}
