/**
 * When `npm start` starts again what died (the web server, the embedded PostgreSQL): after a
 * back-off that doubles from `firstDelayMs` up to `maxDelayMs`, and not at all after `limit`
 * failures within `windowMs`, when it is better to stop and let a service manager or a person look.
 */
export type RestartPolicy = { firstDelayMs: number; maxDelayMs: number; limit: number; windowMs: number };

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, limit: 5, windowMs: 5 * 60_000 };

export class Restarts {
  private failures: number[] = [];

  constructor(private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY) {}

  /** A failure at `now`: the delay before the next start, or null to give up. */
  failed(now: number): number | null {
    this.failures = [...this.failures.filter((at) => now - at < this.policy.windowMs), now];
    if (this.failures.length > this.policy.limit) return null;
    return Math.min(this.policy.firstDelayMs * 2 ** (this.failures.length - 1), this.policy.maxDelayMs);
  }

  /** How many failures count now (for the line that says why it gave up). */
  get recent(): number {
    return this.failures.length;
  }
}
