/**
 * What the benchmarks that drive the production build over HTTP share: a browser's worth of
 * cookies per person, the sign-in as the sign-in pages do it (password, then the second factor's
 * code), and percentiles.
 */
import { performance } from "node:perf_hooks";
import { totpCode } from "../../tests/fixtures/second-factor";
import { completeSteps } from "../../tests/fixtures/episode-steps";
import { FORM_STEP_KEYS } from "../../src/domain/steps";

export type Timed = { status: number; ms: number };

/** One person's browser: cookies kept between requests, a client address of its own. */
export class BenchClient {
  private cookies = new Map<string, string>();
  /** Told of every request's status and time (a benchmark that counts them by kind). */
  observe: ((status: number, ms: number) => void) | null = null;
  /** `address` is sent as X-Forwarded-For, so that each simulated person counts as a computer of its own. */
  constructor(
    private readonly base: string,
    private readonly address = "127.0.0.1",
  ) {}

  /** The cookies as a browser would send them (to hand a signed-in session to another tool). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Sends a request and answers the response and how long it took (to the headers). */
  async request(path: string, init: RequestInit = {}): Promise<{ response: Response; ms: number }> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    headers.set("origin", this.base);
    headers.set("x-forwarded-for", this.address);
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: "manual" });
    const ms = performance.now() - started;
    this.observe?.(response.status, ms);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { response, ms };
  }

  /** A page or an answer read to its end, as a browser would: the time includes the body. */
  async fetchWhole(path: string): Promise<Timed> {
    const started = performance.now();
    const { response } = await this.request(path);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  }

  json(method: string, path: string, body: unknown) {
    return this.request(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }

  /** Signs in with the password, then the second factor's code, as the sign-in form and the code page send them. */
  async signIn(email: string, password: string, totpSecret: string): Promise<void> {
    const csrf = (await (await this.request("/api/auth/csrf")).response.json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" });
    const { response } = await this.request("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    if (response.status >= 400) throw new Error(`sign-in answered ${response.status}`);
    const code = await this.json("POST", "/api/auth/sign-in-code", { code: await totpCode(totpSecret) });
    if (code.response.status !== 204) throw new Error(`the sign-in code answered ${code.response.status}`);
  }
}

/**
 * Starts a report for a new child as the signed-in caseworker and, when `complete`, saves every
 * step as the wizard would; answers the episode's id.
 */
export async function startReport(client: BenchClient, caseNumber: string, options: { complete: boolean }): Promise<string> {
  const started = await client.json("POST", "/api/episodes", {
    newChild: { firstName: "Jordan", lastName: `Rivera ${caseNumber}`, dateOfBirth: "2012-03-04", agencyCaseNumber: caseNumber, underAgencyGuardianship: "yes" },
  });
  if (started.response.status !== 201) throw new Error(`starting a report answered ${started.response.status}`);
  const { episodeId } = (await started.response.json()) as { episodeId: string };
  if (!options.complete) return episodeId;
  const steps = completeSteps(new Date());
  let version = 1;
  for (const step of FORM_STEP_KEYS) {
    const saved = await client.json("PUT", `/api/episodes/${episodeId}/steps/${step}`, { version, values: steps[step] });
    if (saved.response.status !== 200) throw new Error(`saving ${step} answered ${saved.response.status}`);
    version = ((await saved.response.json()) as { version: number }).version;
  }
  return episodeId;
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/**
 * The pages a bench measures: those whose label holds one of the comma-separated words of
 * `variable` (BENCH_PAGES, BENCH_LIGHTHOUSE_PAGES), or every page when it is unset or empty.
 */
export function pagesNamedIn(variable: string | undefined): (label: string) => boolean {
  const words = variable?.split(",").map((word) => word.trim()).filter(Boolean) ?? [];
  return (label) => words.length === 0 || words.some((word) => label.includes(word));
}
