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

/** A path with every id taken out, so it names the route, not the record. */
export function routePattern(pathname: string): string {
  return pathname.replace(UUID, ":id");
}
