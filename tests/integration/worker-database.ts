/**
 * Runs before each integration test file: points its worker at a database of its own. The launcher
 * (scripts/run.ts) makes one migrated database, with its application role, per worker and passes
 * them as JSON lists; Vitest numbers its workers from 1 (VITEST_POOL_ID). Two files that reset
 * tables never share a database.
 */
const urls = JSON.parse(process.env.TEST_DATABASE_URLS ?? "null") as string[] | null;
const appUrls = JSON.parse(process.env.TEST_APP_DATABASE_URLS ?? "null") as (string | null)[] | null;
if (!urls) throw new Error("TEST_DATABASE_URLS is not set: run the integration tests through npm run test:integration");
const worker = Number(process.env.VITEST_POOL_ID ?? "1");
const url = urls[worker - 1];
if (!url) throw new Error(`Integration worker ${worker} has no database of its own: the launcher made ${urls.length}`);
process.env.DATABASE_URL = url;
const appUrl = appUrls?.[worker - 1];
if (appUrl) process.env.TEST_APP_DATABASE_URL = appUrl;
else delete process.env.TEST_APP_DATABASE_URL;
