// In every signed-in page's JavaScript: a plain shape check, not zod (src/lib/json-shape.ts).
import { boolean, number, object, recordOf, unknown, type ShapeOf } from "@/lib/json-shape";

const PREFIX = "homeward:draft:";

const isLocalCopy = object({
  /** When it was typed (this browser's clock). */
  at: number,
  values: recordOf(unknown),
  baseVersion: number,
  /** The server has these answers as a draft. */
  sent: boolean,
  /** The end of the session it was typed in, as this browser knows it: never kept past it. */
  expiresAt: number,
});
export type TLocalCopy = ShapeOf<typeof isLocalCopy>;

/** A copy the server may not have yet, with the step it belongs to. */
export type TUnsentCopy = TLocalCopy & { episodeId: string; step: string };

/**
 * This device's copy of what a person typed in one step, kept at every change: it survives a
 * reload, a closed laptop or a dropped connection, but never the session it was typed in (issue 9).
 * Browser-only (localStorage). The session's end comes from the signed-in shell
 * (src/features/shell/session-end.ts); until it has said, nothing is kept.
 */
let keepUntil = 0;

function storedKeys(prefix = PREFIX): string[] {
  return Object.keys(window.localStorage).filter((key) => key.startsWith(prefix));
}

function parse(key: string): TLocalCopy | null {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(key) ?? "");
    return isLocalCopy(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The copy under `key`; an unreadable one, or one whose session has ended, is dropped. */
function read(key: string): TLocalCopy | null {
  const copy = parse(key);
  if (copy && copy.expiresAt > Date.now()) return copy;
  window.localStorage.removeItem(key);
  return null;
}

/** Forgets every local copy on this device, whoever typed it, and keeps no new one (a session has ended). */
export function forgetAllLocalCopies() {
  keepUntil = 0;
  for (const key of storedKeys()) window.localStorage.removeItem(key);
}

/** Forgets the copies whose session has ended as far as this browser knows. */
export function forgetExpiredLocalCopies() {
  for (const key of storedKeys()) read(key);
}

/**
 * The signed-in person's session now lasts until `until`: copies written from now on, and theirs
 * still here, are kept until then (a copy another tab has kept longer keeps its own end).
 */
export function keepLocalCopiesUntil(userId: string, until: number) {
  keepUntil = until;
  for (const key of storedKeys(`${PREFIX}${userId}:`)) {
    const copy = read(key);
    if (copy && copy.expiresAt < until) window.localStorage.setItem(key, JSON.stringify({ ...copy, expiresAt: until }));
  }
}

/** The person's copies the server does not have yet, whether or not their form is open. */
export function unsentLocalCopies(userId: string): TUnsentCopy[] {
  const mine = `${PREFIX}${userId}:`;
  return storedKeys(mine).flatMap((key) => {
    const copy = parse(key);
    const [episodeId, step] = key.slice(mine.length).split(":");
    return copy && !copy.sent && episodeId && step ? [{ ...copy, episodeId, step }] : [];
  });
}

export function localCopy(options: { userId: string; episodeId: string; step: string }) {
  const mine = `${PREFIX}${options.userId}:`;
  const key = `${mine}${options.episodeId}:${options.step}`;
  return {
    /** Another person's copies on this device are not theirs to see. */
    forgetOtherPeoples() {
      for (const stored of storedKeys()) if (!stored.startsWith(mine)) window.localStorage.removeItem(stored);
    },
    /** The copy when it is newer than the server's draft (`serverDraftAt`); an older, expired or unreadable one is dropped. */
    newerThan(serverDraftAt: number | null): TLocalCopy | null {
      const copy = read(key);
      if (copy && copy.at > (serverDraftAt ?? 0)) return copy;
      window.localStorage.removeItem(key);
      return null;
    },
    /** Keeps the answers, unless the session they were typed in is over (as far as this browser knows). */
    write(values: Record<string, unknown>, baseVersion: number) {
      const at = Date.now();
      if (keepUntil <= at) return;
      window.localStorage.setItem(key, JSON.stringify({ at, values, baseVersion, sent: false, expiresAt: keepUntil } satisfies TLocalCopy));
    },
    /**
     * The server got the answers as they were at `takenAt` (its draft restores them): a copy typed
     * before then is removed, so a child's details do not wait on this device for the next read.
     */
    sentAsOf(takenAt: number) {
      const copy = parse(key);
      if (copy && copy.at < takenAt) window.localStorage.removeItem(key);
    },
    clear() {
      window.localStorage.removeItem(key);
    },
  };
}
