import { afterEach, describe, expect, it, vi } from "vitest";
import { redactMessage, routePattern } from "@/lib/redact-message";
import { logFailure } from "@/server/log/log-failure";
import { errorResponse } from "@/server/http/route-handler";

afterEach(() => vi.restoreAllMocks());

describe("a failure's log line", () => {
  it.each([
    ['duplicate key value violates unique constraint "User_email_key": Key (email)=(pat.guardian@demo.example.org) already exists.', 'duplicate key value violates unique constraint "…": Key (email)=(…) already exists.'],
    ["SOI not found in JPEG", "SOI not found in JPEG"],
    ["Invalid `prisma.child.create()` invocation: { data: { firstName: 'Jordan', phone: 5551234567 } }", "Invalid `prisma.child.create()` invocation: { data: { firstName: '…', phone: … } }"],
    ["No episode 6f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5 for jordan@example.org", "No episode … for …@…"],
  ])("takes the values out of %j", (message, expected) => {
    expect(redactMessage(message)).toBe(expected);
  });

  it("names the route, not the record", () => {
    expect(routePattern("/api/episodes/6f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d5/photos/7f1c2e3d-4b5a-4c6d-8e7f-8091a2b3c4d6")).toBe("/api/episodes/:id/photos/:id");
    // Whatever was sent where an id belongs (a tampered one may be a name someone typed) is taken out too.
    expect(routePattern("/api/admin/backups/Jane%20Doe%202012/copied", { backupId: "Jane Doe 2012" })).toBe("/api/admin/backups/:id/copied");
    expect(routePattern("/api/episodes/x/steps/child", { episodeId: "x", step: "child" })).toBe("/api/episodes/:id/steps/child");
  });

  it("is one JSON line with the request id, the route, the error's class, code and redacted message", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    class PrismaClientKnownRequestError extends Error {
      code = "P2002";
    }
    logFailure(new PrismaClientKnownRequestError("Unique constraint failed: Key (email)=(pat@demo.example.org)"), { requestId: "req-12345678", route: "POST /api/episodes" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(lines[0]).not.toContain("pat@demo");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "error",
      requestId: "req-12345678",
      route: "POST /api/episodes",
      errorClass: "PrismaClientKnownRequestError",
      code: "P2002",
      message: "Unique constraint failed: Key (email)=(…)",
    });
  });

  it("is what a route handler's unexpected error leaves, while the browser gets a generic answer with the request id", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const response = errorResponse(new Error("SOI not found in JPEG"), { requestId: "req-abcdef12", route: "GET /api/episodes/:id/packet" });
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: expect.stringContaining("Something went wrong on our side"), requestId: "req-abcdef12" });
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "req-abcdef12", route: "GET /api/episodes/:id/packet", errorClass: "Error", message: "SOI not found in JPEG" });
  });
});
