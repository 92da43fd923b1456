import type { ReactNode } from "react";
import { clockText, type Clock } from "@/domain/clocks";
import { noticeText, type NoticeProgress } from "@/domain/notice-rules";
import { formatInstant } from "@/lib/format-time";

const STATE_STYLE: Record<Clock["state"], string> = {
  pending: "border-amber-700 bg-amber-50",
  overdue: "border-red-800 bg-red-50",
  "on-time": "border-green-800 bg-green-50",
  late: "border-red-800 bg-red-50",
};

/** One clock in words (the colour only repeats them): the deadline in the agency's zone and the time left or how late. */
export function ClockCard({ title, clock, timeZone, recordedBy }: { title: string; clock: Clock; timeZone: string; recordedBy: string | null }) {
  return (
    <section aria-label={title} className={`rounded border-l-8 p-4 ${STATE_STYLE[clock.state]}`}>
      <h3 className="text-lg font-bold">{title}</h3>
      <p className="mt-1 font-semibold">{clockText(clock)}</p>
      <p className="mt-1">
        Deadline: {formatInstant(clock.deadline, timeZone)} ({clock.ruleHours} hours)
      </p>
      {clock.doneAt ? (
        <p className="mt-1">
          Reported {formatInstant(clock.doneAt, timeZone)}
          {recordedBy ? `, recorded by ${recordedBy}` : ""}
        </p>
      ) : null}
    </section>
  );
}

/** One notice in words: time left, overdue, told on time or late, or not applicable with the reason. */
export function NoticeCard({ notice, timeZone, children }: { notice: NoticeProgress; timeZone: string; children?: ReactNode }) {
  const style = notice.state === "not-applicable" ? "border-slate-500 bg-slate-50" : STATE_STYLE[notice.state];
  return (
    <section aria-label={`Notice: ${notice.label}`} className={`min-w-0 rounded border-l-8 p-3 sm:p-4 ${style}`}>
      <h3 className="text-lg font-bold">{notice.label}</h3>
      <p className="mt-1 font-semibold">{noticeText(notice)}</p>
      <p className="mt-1">
        Deadline: {formatInstant(notice.clock.deadline, timeZone)} ({notice.clock.ruleHours} hours)
      </p>
      {notice.record?.sentAt ? <p className="mt-1">Told {formatInstant(notice.record.sentAt, timeZone)}</p> : null}
      {notice.record?.sentAt && notice.record.note ? <p className="mt-1">Reason for the delay: {notice.record.note}</p> : null}
      {children}
    </section>
  );
}
