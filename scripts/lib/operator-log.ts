/**
 * The launcher's own events (restarts, backups, stops) as one structured line each, in the shape of
 * the app's lines (src/server/jobs/log-job.ts): a level, an event, the time, then ids, counts and
 * paths only, never personal data.
 */
export type OperatorLogFields = Record<string, string | number | boolean | undefined>;

export function logOperatorEvent(level: "info" | "warn" | "error", event: string, fields: OperatorLogFields = {}): void {
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}
