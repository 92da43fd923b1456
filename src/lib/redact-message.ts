const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * An error message with the values taken out, so it can go into a log line: PostgreSQL quotes the
 * offending value (`Key (email)=(pat@x.org) already exists`), Prisma prints the arguments of the
 * failed call, and a parser may echo what it read. What stays is the shape: "Key (email)=(…)".
 */
export function redactMessage(message: string, maxLength = 300): string {
  const redacted = message
    .replace(/=\([^)]*\)/g, "=(…)")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/[^\s@"'()<>]+@[^\s@"'()<>]+\.[^\s@"'()<>]+/g, "…@…")
    .replace(UUID, "…")
    .replace(/\d{3,}/g, "…")
    .replace(/\s+/g, " ")
    .trim();
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}

/**
 * A path with every id taken out, so it names the route, not the record: the value of each dynamic
 * segment that holds a record's id (named "…Id") becomes ":id", whatever was sent there (a tampered
 * id may be anything a person typed), and so does any UUID left. Other segments (a step's name) stay.
 */
export function routePattern(pathname: string, params: Record<string, unknown> = {}): string {
  const ids = new Set(Object.entries(params).flatMap(([name, value]) => (typeof value === "string" && name.endsWith("Id") ? [value] : [])));
  return pathname
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // left as sent
      }
      return ids.has(decoded) ? ":id" : segment;
    })
    .join("/")
    .replace(UUID, ":id");
}
