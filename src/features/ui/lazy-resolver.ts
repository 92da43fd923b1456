import type { FieldValues, Resolver } from "react-hook-form";

/**
 * A form's validation loaded after its page (zod's core and a form's schema are most of a form
 * page's JavaScript; decision 022): `load` imports the resolver, `preload` starts that (see
 * onFirstUse for when), and the first check waits for it. Should the code not arrive (the connection
 * dropped), the form is sent as typed and the server's checks, the same schema, answer field by field.
 */
export function lazyResolver<V extends FieldValues>(load: () => Promise<Resolver<V>>): { resolver: Resolver<V>; preload: () => void } {
  let loading: Promise<Resolver<V>> | null = null;
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  const resolver: Resolver<V> = async (values, context, options) => {
    const check = await loaded().catch(() => null);
    return check ? check(values, context, options) : { values, errors: {} };
  };
  return { resolver, preload: () => void loaded().catch(() => undefined) };
}

/** What says a person has begun to use a page: a field focused, a press, a key. */
const FIRST_USE = ["focusin", "pointerdown", "keydown"] as const;

/**
 * Calls `start` once, when the person first focuses, presses or types anywhere on the page, and
 * answers a function that stops listening. A form's checks are loaded then rather than as soon as
 * it is mounted: on a slow phone their code is one long task, which would otherwise fall while the
 * page is still starting (decision 022).
 */
export function onFirstUse(start: () => void, target: Pick<EventTarget, "addEventListener" | "removeEventListener"> = document): () => void {
  const stop = () => FIRST_USE.forEach((type) => target.removeEventListener(type, begin, { capture: true }));
  function begin() {
    stop();
    start();
  }
  FIRST_USE.forEach((type) => target.addEventListener(type, begin, { capture: true }));
  return stop;
}
