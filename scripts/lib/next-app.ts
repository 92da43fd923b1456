/**
 * The production build and the web server's readiness, shared by the launcher (scripts/run.ts) and
 * the fault test, so both build and wait the same way.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { LaunchError } from "./launch-error";
import { ROOT, bin, run } from "./processes";

function newestSourceChange(): number {
  let newest = 0;
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    const stat = statSync(target);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(target)) if (entry !== "generated") visit(path.join(target, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["src", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "package-lock.json"]) visit(path.join(ROOT, entry));
  return newest;
}

/**
 * Runs `next build` when there is no build, or (with `when: "stale"`, the launcher's default) when
 * the build is older than the source.
 */
export async function buildIfStale(env: NodeJS.ProcessEnv, options: { when?: "stale" | "missing"; say?: (line: string) => void } = {}): Promise<void> {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (existsSync(buildId) && (options.when === "missing" || statSync(buildId).mtimeMs > newestSourceChange())) return;
  options.say?.("building the production app (next build)…");
  const { code } = await run(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
  if (code !== 0) throw new LaunchError("next build failed; see the messages above.");
}

export async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new LaunchError("The web server stopped during start-up; see the messages above.");
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new LaunchError(`The web server did not answer at ${url} within ${Math.round(timeoutMs / 1000)} seconds.`);
}
