import type { FieldValues, Resolver } from "react-hook-form";

/**
 * A form's validation loaded after its page (zod's core and a form's schema are most of a form
 * page's JavaScript; decision 022): `load` imports the resolver, `preload` starts that once the
 * page is up, and the first check waits for it. Should the code not arrive (the connection
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
