import "server-only";
import { END_REASONS } from "@/domain/code-sets";
import { labelOf } from "@/domain/ncic-codes";
import { recipientLabel } from "@/domain/notice-rules";
import { AUDIT_EVENTS, describeAuditEvent } from "@/server/audit/audit-events";

/** What a return or cancellation notice adds to its line; a missing notice is the default. */
const EVENT_WORDS = { MISSING: "", RETURN: " (return)", CANCEL: " (report cancelled)" } as const;

type HistoryEvent = { action: string; outcome: "SUCCESS" | "FAILURE" | "DENIED"; details: unknown };

/**
 * One event of an episode's history in words: the audit catalogue's description, and for a notice
 * to whom (and of which event), for an ending why, for a reassignment from whom to whom (`names`:
 * the agency's people by id), from the codes and ids the audit details hold.
 */
export function historyText(event: HistoryEvent, names: Readonly<Record<string, string>> = {}): string {
  const base = describeAuditEvent(event);
  if (event.action === "episode.reassigned") {
    const details = AUDIT_EVENTS[event.action].details.safeParse(event.details);
    const name = (id: string) => names[id] ?? "a former staff member";
    return details.success ? `${base}: from ${name(details.data.fromUserId)} to ${name(details.data.toUserId)}` : base;
  }
  if (event.action === "notice.sent_recorded" || event.action === "notice.not_applicable") {
    const details = AUDIT_EVENTS[event.action].details.safeParse(event.details);
    return details.success ? `${base}: ${recipientLabel(details.data.recipient)}${EVENT_WORDS[details.data.event]}` : base;
  }
  if (event.action === "episode.ended_without_recovery") {
    const details = AUDIT_EVENTS[event.action].details.safeParse(event.details);
    return details.success ? `${base}: ${labelOf(END_REASONS, details.data.reason)}` : base;
  }
  return base;
}

/** The people a history event names by id (a reassignment's two caseworkers), to look their names up. */
export function peopleInHistory(event: HistoryEvent): string[] {
  if (event.action !== "episode.reassigned") return [];
  const details = AUDIT_EVENTS[event.action].details.safeParse(event.details);
  return details.success ? [details.data.fromUserId, details.data.toUserId] : [];
}
