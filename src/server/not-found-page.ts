import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/server/authz/errors";
import type { Actor } from "@/server/authz/guard";
import type { PagePath } from "@/server/authz/pages";
import { auditWho } from "@/server/audit/audit";
import { recordRefusal } from "@/server/audit/record-refusal";
import { currentRequestId } from "@/server/request-id";

/**
 * For pages: a record that is not found for this actor (or is another agency's) renders the 404
 * page, and the refusal is audited with the page's route, never the ids asked for.
 */
export async function orNotFound<T>(work: Promise<T>, asked: { actor: Actor; page: PagePath }): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) {
      await recordRefusal(auditWho(asked.actor, await currentRequestId()), { reason: "not-found", route: asked.page });
      notFound();
    }
    throw error;
  }
}
