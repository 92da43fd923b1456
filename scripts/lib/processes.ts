import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const running = new Set<ChildProcess>();

/** A binary from node_modules/.bin, run directly (npx does not pass signals on). */
export function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, options: { quiet?: boolean } = {}): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

export function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command to the end; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, options: { quiet?: boolean } = {}): Promise<{ code: number; output: string }> {
  const child = startChild(command, args, env, options);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return exitCodeOf(child).then((code) => ({ code, output }));
}

/** A second Ctrl-C: every child stopped at once. */
export function killChildrenNow(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Stops every child this process started: SIGTERM, and SIGKILL after five seconds (requests in flight finish first). */
export async function stopChildren(): Promise<void> {
  const waits = [...running].map((child) => {
    const done = exitCodeOf(child);
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    return done.finally(() => clearTimeout(timer));
  });
  await Promise.all(waits);
}
