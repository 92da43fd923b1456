// The yardstick for npm run bench:pages: a bare Next.js app of the versions Homeward uses (the
// repository's own node_modules), with nothing of Homeward's.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const config = {
  poweredByHeader: false,
  serverExternalPackages: ["pg"],
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default config;
