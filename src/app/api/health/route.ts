import { db } from "@/server/db";

/** For load balancers and the start-up script: is the app up and its database reachable? */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database-unreachable" }, { status: 503 });
  }
}
