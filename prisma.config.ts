// Prisma CLI configuration (Prisma 7). Run the CLI through `node scripts/prisma.mjs` (or
// `npm run prisma -- ...`), which supplies the offline schema engine; see
// docs/decisions/001-prisma-offline-schema-engine.md.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  datasource: {
    // Read directly rather than with Prisma's env(), which throws when the variable is unset
    // and would break commands that need no database (`prisma generate`).
    url: process.env.DATABASE_URL,
    // Optional. Without it, `migrate dev` / `migrate diff --from-migrations` create and drop a
    // temporary shadow database, which needs the CREATEDB privilege.
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
