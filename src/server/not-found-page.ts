import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/server/authz/errors";

/** For pages: a record that is not found for this actor (or is another agency's) renders the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
