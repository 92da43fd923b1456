import { clockText, type Clock } from "@/domain/clocks";
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
      <p className="mt-1">Deadline: {formatInstant(clock.deadline, timeZone)}</p>
      {clock.doneAt ? (
        <p className="mt-1">
          Reported {formatInstant(clock.doneAt, timeZone)}
          {recordedBy ? `, recorded by ${recordedBy}` : ""}
        </p>
      ) : null}
    </section>
  );
}
