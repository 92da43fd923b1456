import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/config/env";

function problemsOf(source: Record<string, string>, requireRuntime = false): string[] {
  try {
    parseEnv(source, { requireRuntime });
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe("environment", () => {
  it("accepts an empty environment for the start-up script, with defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
  });

  it("names a malformed DATABASE_URL", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://localhost/db" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL must look like postgresql:\/\//);
  });

  it("names every bad variable at once", () => {
    const problems = problemsOf({ PORT: "eighty", HOMEWARD_DEMO: "maybe", NEXTAUTH_SECRET: "short" });
    expect(problems.map((p) => p.split(" ")[0]).sort()).toEqual(["HOMEWARD_DEMO", "NEXTAUTH_SECRET", "PORT"]);
  });

  it("requires a database and, in production, a secret for the running app", () => {
    const problems = problemsOf({ NODE_ENV: "production" }, true);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL is missing/);
    expect(problems[1]).toMatch(/^NEXTAUTH_SECRET is missing/);
  });

  it("does not require the secret in development", () => {
    expect(problemsOf({ NODE_ENV: "development", DATABASE_URL: "postgresql://u:p@localhost:5432/db" }, true)).toEqual([]);
  });
});
