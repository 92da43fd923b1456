#!/usr/bin/env node
// Runs the Prisma CLI without network access: `node scripts/prisma.mjs <prisma args...>`.
//
// Why: the Prisma 7 CLI downloads its native schema-engine before each command, which fails on
// machines that only reach the npm registry. Pointing PRISMA_SCHEMA_ENGINE_BINARY at our
// WebAssembly-based stand-in (prisma/engine/schema-engine.mjs) makes it download nothing.
// An engine already named in the environment wins, so the native engine can be used by setting
// PRISMA_SCHEMA_ENGINE_BINARY to its path. See docs/decisions/001-prisma-offline-schema-engine.md.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
const standIn = path.join(repoRoot, "prisma", "engine", "schema-engine.mjs");

if (!fs.existsSync(prismaBin)) {
  console.error(`Prisma CLI not found at ${prismaBin}. Run \`npm install\` first.`);
  process.exit(1);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || standIn,
  // No update check, no telemetry ("checkpoint") request, no update banner.
  CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? "1",
  PRISMA_HIDE_UPDATE_MESSAGE: process.env.PRISMA_HIDE_UPDATE_MESSAGE ?? "1",
};

// Prisma looks for prisma.config.ts in its working directory, so run it from the repo root
// whatever the caller's cwd; path arguments stay relative to the caller's cwd.
const PATH_FLAGS = new Set([
  "--config",
  "--schema",
  "--from-schema",
  "--to-schema",
  "--from-migrations",
  "--to-migrations",
  "--output",
  "-o",
  "--file",
]);
function absolutizePathArgs(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0 && PATH_FLAGS.has(arg.slice(0, eq))) {
      out.push(`${arg.slice(0, eq)}=${path.resolve(arg.slice(eq + 1))}`);
    } else if (PATH_FLAGS.has(arg) && i + 1 < args.length && !args[i + 1].startsWith("-")) {
      out.push(arg, path.resolve(args[++i]));
    } else {
      out.push(arg);
    }
  }
  return out;
}

const child = spawn(prismaBin, absolutizePathArgs(process.argv.slice(2)), { cwd: repoRoot, stdio: "inherit", env });

// Forward termination requests so the CLI can stop its engine and clean up.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("error", (err) => {
  console.error(`Could not start the Prisma CLI: ${err.message}`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  if (signal) {
    // Exit the conventional way for a signal death (128 + signal number).
    const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 };
    process.exit(128 + (signals[signal] ?? 1));
  }
  process.exit(code ?? 1);
});
