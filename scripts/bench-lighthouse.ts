/**
 * npm run bench:lighthouse — Lighthouse (the npm package, driving the system's Chromium) on the
 * production build, signed in, with the mobile preset (Lighthouse's default: a mid-range phone on a
 * slow 4G connection, simulated) and the desktop preset: each page's performance and accessibility
 * scores, largest contentful paint and total blocking time.
 *
 * Run by scripts/run.ts, which builds the app and starts it on loopback on a fresh database with the
 * demo people, and passes BENCH_BASE_URL, DATABASE_URL, NEXTAUTH_SECRET and BENCH_PASSWORD, and
 * BENCH_BARE_URL: the bare Next.js page of the same versions, measured first as the framework's floor.
 * CHROMIUM_PATH names the browser when it is not /usr/bin/chromium; BENCH_LIGHTHOUSE_PRESETS=mobile
 * (or desktop) runs one preset only, BENCH_LIGHTHOUSE_PAGES=wizard,case only the pages whose label
 * holds one of those words (the bare page always), and BENCH_LIGHTHOUSE_SAVE=<folder> keeps each
 * report there as JSON (its long tasks, script boot-up and main-thread breakdown say where TBT went).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import lighthouse, { desktopConfig } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { giveSecondFactorIn } from "../tests/fixtures/second-factor";
import { BenchClient, pagesNamedIn, startReport } from "./lib/bench-client";

const BASE = process.env.BENCH_BASE_URL!;
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

async function signedIn(sql: pg.Client, email: string): Promise<BenchClient> {
  const totp = await giveSecondFactorIn(sql, email, process.env.NEXTAUTH_SECRET!);
  if (!totp) throw new Error(`${email} is not in the database`);
  const client = new BenchClient(BASE);
  await client.signIn(email, PASSWORD, totp);
  return client;
}

async function main() {
  const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
  const caseworker = await signedIn(sql, "caseworker@demo.example.org");
  const supervisor = await signedIn(sql, "supervisor@demo.example.org");
  await sql.end();
  // A report filed in full by the caseworker, for the case page and a wizard step.
  const episodeId = await startReport(caseworker, "LH-1", { complete: true });
  const BARE = process.env.BENCH_BARE_URL;
  for (const deadline = Date.now() + 60_000; BARE && !(await fetch(BARE).then((r) => r.status === 200, () => false)); ) {
    if (Date.now() > deadline) throw new Error(`the bare page at ${BARE} did not answer within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The bare Next.js page of the same versions first: the framework's own floor on this machine.
  const pages: { label: string; path: string; cookie: string; base?: string }[] = [
    ...(BARE ? [{ label: "bare Next.js page", path: "/", cookie: "", base: BARE }] : []),
    { label: "sign-in", path: "/sign-in", cookie: "" },
    { label: "home", path: "/", cookie: caseworker.cookieHeader() },
    { label: "wizard step", path: `/cases/${episodeId}/report/child`, cookie: caseworker.cookieHeader() },
    { label: "case list", path: "/cases", cookie: caseworker.cookieHeader() },
    { label: "case page", path: `/cases/${episodeId}`, cookie: caseworker.cookieHeader() },
    { label: "supervisor's dashboard", path: "/dashboard", cookie: supervisor.cookieHeader() },
  ];
  const named = pagesNamedIn(process.env.BENCH_LIGHTHOUSE_PAGES);
  const measured = pages.filter((page) => page.base === BARE || named(page.label));
  const saveTo = process.env.BENCH_LIGHTHOUSE_SAVE;
  if (saveTo) mkdirSync(saveTo, { recursive: true });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  let failed = false;
  try {
    // BENCH_LIGHTHOUSE_PRESETS=mobile (or desktop) runs one preset only.
    const presets = (["mobile", "desktop"] as const).filter((preset) => (process.env.BENCH_LIGHTHOUSE_PRESETS ?? "mobile,desktop").split(",").includes(preset));
    for (const preset of presets) {
      console.log(`\nLighthouse, ${preset} preset (production build on loopback)`);
      for (const page of measured) {
        const result = await lighthouse(
          `${page.base ?? BASE}${page.path}`,
          { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined },
          preset === "desktop" ? desktopConfig : undefined,
        );
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError) {
          failed = true;
          console.log(`  ${page.label.padEnd(24)} failed: ${lhr?.runtimeError?.message ?? "no result"}`);
          continue;
        }
        if (saveTo) writeFileSync(path.join(saveTo, `${preset}-${page.label.replace(/[^a-z0-9]+/gi, "-")}.json`), JSON.stringify(lhr));
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const ms = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        const finalUrl = lhr.finalDisplayedUrl.replace(page.base ?? BASE, "");
        const moved = finalUrl !== page.path ? `  (ended at ${finalUrl})` : "";
        if (moved) failed = true;
        console.log(
          `  ${page.label.padEnd(24)} performance ${String(score("performance")).padStart(3)}  accessibility ${String(score("accessibility")).padStart(3)}` +
            `  LCP ${(ms("largest-contentful-paint") / 1000).toFixed(2)} s  TBT ${ms("total-blocking-time").toFixed(0)} ms${moved}`,
        );
        // Which element was the largest paint, and its phases: what a slow LCP waits for.
        if (preset === "mobile") console.log(`      LCP element: ${lcpElement(lhr.audits["lcp-breakdown-insight"]?.details)}`);
      }
    }
  } finally {
    chrome.kill();
  }
  process.exitCode = failed ? 1 : 0;
}

/** The LCP element's HTML, shortened, and the parts of its time (Lighthouse's LCP breakdown insight). */
function lcpElement(details: unknown): string {
  type Item = { subpart?: string; duration?: number; snippet?: string; items?: Item[] };
  const parts = ((details as { items?: Item[] } | undefined)?.items ?? []) as Item[];
  const subparts = parts.find((part) => part.items)?.items ?? [];
  const node = parts.find((part) => part.snippet)?.snippet ?? "unknown";
  const times = subparts.map((item) => `${item.subpart} ${Math.round(item.duration ?? 0)} ms`).join(", ");
  return `${node.replace(/\s+/g, " ").slice(0, 90)}${times ? `  (${times})` : ""}`;
}

void main();
