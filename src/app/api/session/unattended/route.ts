import { z } from "zod";
import { currentSessionId, type Actor } from "@/server/authz/actor";
import { UnauthenticatedError } from "@/server/authz/errors";
import { assertSameOrigin, auditRefusal, errorResponse, readJson, ZRecordVersionSchema } from "@/server/http/route-handler";
import { currentRequestId } from "@/server/request-id";
import { keepUnattendedDrafts, signedOutReason, unattendedActor } from "@/server/auth/session-warning";

const ROUTE = "POST /api/session/unattended";

const ZBody = z
  .object({
    drafts: z
      .array(z.object({ episodeId: z.string().max(64), step: z.string().max(64), baseVersion: ZRecordVersionSchema, values: z.unknown() }).strict())
      .max(20),
  })
  .strict();

/**
 * POST { drafts: [...] }: what the signed-in shell sends on its own while nobody uses the page, as
 * the session is about to end (src/features/shell/session-timer.tsx): the drafts of what was typed
 * and is only on the device (none when it only asks how long is left). Not activity: the session's
 * idle limit keeps running, so a session nobody uses still ends on time. Same-origin only; answers
 * { idleLeftMs, absoluteLeftMs, userId }, or 401 with the reason the session no longer lets its person in
 * ({ reason: "idle" | "expired" | "ended" }), so the sign-in page can say why.
 */
export async function POST(request: Request): Promise<Response> {
  const requestId = await currentRequestId();
  let actor: Actor | null = null;
  let sessionId: string | null = null;
  try {
    assertSameOrigin(request);
    sessionId = await currentSessionId();
    actor = await unattendedActor(sessionId, { requestId });
    const { drafts } = await readJson(request, ZBody);
    // Whose session it is: a page that kept answers through a session's end saves them only for the same person.
    return Response.json({ ...(await keepUnattendedDrafts(actor, drafts)), userId: actor.userId });
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      return Response.json({ error: error.message, reason: await signedOutReason(sessionId, error).catch(() => "ended") }, { status: 401 });
    }
    await auditRefusal(error, { requestId, route: ROUTE, actor });
    return errorResponse(error, { requestId, route: ROUTE });
  }
}
