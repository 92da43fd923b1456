import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { launcherEnv } from "./src/config/env";

// Started by `npm test` / `npm run test:e2e` (scripts/run.ts), which builds the app, serves it
// with `next start` on a fresh, seeded database and passes its address in E2E_BASE_URL.
const env = launcherEnv();
// The headless shell first: it does what the tests need with less CPU than the full browser in
// headless mode (about 7 % less suite time on a two-core machine, measured side by side).
const chromium = env.CHROMIUM_PATH ?? ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((candidate) => existsSync(candidate));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: true,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: env.E2E_BASE_URL ?? "http://localhost:3000",
    // A trace (screenshots and DOM snapshots of every action) made the suite about 30 % slower, kept
    // or not: E2E_TRACE=on records one and keeps it for each failing test (npx playwright show-trace).
    trace: process.env.E2E_TRACE === "on" ? "retain-on-failure" : "off",
    launchOptions: chromium
      ? {
          executablePath: chromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }
      : {},
  },
});
