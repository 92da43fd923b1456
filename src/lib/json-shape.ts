/**
 * Checks of the small JSON values the browser reads on every signed-in page (an error answer, what
 * is left of the session, this device's copy of a step): the few shapes zod would check there,
 * without zod's core, which weighed 24 KB gzipped in every page (decision 022). Forms keep
 * validating with zod, which loads with the form. Like zod's, each shape is one declaration that
 * both checks a value and names its type (`ShapeOf`); an object may carry keys it does not name.
 */
export type Shape<T> = (value: unknown) => value is T;
export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

export const string: Shape<string> = (value): value is string => typeof value === "string";
/** A finite number: JSON has no NaN or Infinity, and nothing here means one. */
export const number: Shape<number> = (value): value is number => typeof value === "number" && Number.isFinite(value);
export const integer: Shape<number> = (value): value is number => Number.isSafeInteger(value);
export const nonNegative: Shape<number> = (value): value is number => number(value) && value >= 0;
export const boolean: Shape<boolean> = (value): value is boolean => typeof value === "boolean";
export const unknown: Shape<unknown> = (_value): _value is unknown => true;

export function oneOf<const T extends readonly string[]>(values: T): Shape<T[number]> {
  return (value): value is T[number] => typeof value === "string" && values.includes(value);
}

export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value): value is T | undefined => value === undefined || shape(value);
}

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value): value is T | null => value === null || shape(value);
}

export function arrayOf<T>(shape: Shape<T>): Shape<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(shape);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object whose every value has the shape, whatever its keys. */
export function recordOf<T>(shape: Shape<T>): Shape<Record<string, T>> {
  return (value): value is Record<string, T> => isPlainObject(value) && Object.values(value).every(shape);
}

type Fields = Record<string, Shape<unknown>>;
/** The keys whose shape takes undefined are optional keys of the object's type. */
type OptionalKeys<F extends Fields> = { [K in keyof F]: undefined extends ShapeOf<F[K]> ? K : never }[keyof F];
type ObjectOf<F extends Fields> = { [K in Exclude<keyof F, OptionalKeys<F>>]: ShapeOf<F[K]> } & { [K in OptionalKeys<F>]?: ShapeOf<F[K]> };
type Flat<T> = { [K in keyof T]: T[K] };

export function object<F extends Fields>(fields: F): Shape<Flat<ObjectOf<F>>> {
  return (value): value is Flat<ObjectOf<F>> => isPlainObject(value) && Object.entries(fields).every(([key, shape]) => shape(value[key]));
}

/** The body of a response as JSON when it has the shape, else null (no body, a proxy's HTML page, a cut-off answer). */
export async function readJsonShape<T>(response: Response, shape: Shape<T>): Promise<T | null> {
  const body: unknown = await response.json().catch(() => null);
  return shape(body) ? body : null;
}
