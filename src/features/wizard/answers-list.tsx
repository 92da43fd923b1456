/** Another person's saved answers, shown beside a conflicting form (plain values, no editing). */
export function AnswersList({ values }: { values: Record<string, unknown> }) {
  return (
    <dl className="mt-2 grid grid-cols-[minmax(8rem,14rem)_1fr] gap-x-4 gap-y-1 text-sm">
      {Object.entries(flatten(values)).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-semibold">{key}</dt>
          <dd className="whitespace-pre-wrap">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (value === null || value === undefined) return { [prefix]: "" };
  if (typeof value !== "object") return { [prefix]: String(value) };
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return { [prefix]: value.join(", ") };
  return Object.entries(value).reduce<Record<string, string>>(
    (out, [key, inner]) => ({ ...out, ...flatten(inner, prefix ? `${prefix} ${Number.isNaN(Number(key)) ? key : Number(key) + 1}` : key) }),
    {},
  );
}
