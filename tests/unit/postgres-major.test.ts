import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedPostgres, shippedPostgresMajor } from "../../scripts/lib/postgres";

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("a data folder of another PostgreSQL major version", () => {
  it("is refused before PostgreSQL is started, with what to do", async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), "homeward-major-"));
    const data = path.join(folder, "postgres");
    mkdirSync(data);
    const older = shippedPostgresMajor() - 1;
    writeFileSync(path.join(data, "PG_VERSION"), `${older}\n`);
    await expect(embeddedPostgres(data)).rejects.toThrow(
      `was made by PostgreSQL ${older}; this Homeward ships PostgreSQL ${shippedPostgresMajor()}, which cannot read it`,
    );
    await expect(embeddedPostgres(data)).rejects.toThrow('"Upgrading PostgreSQL" in the README');
  });

  it("knows the major version it ships", () => {
    expect(shippedPostgresMajor()).toBeGreaterThanOrEqual(16);
  });
});
