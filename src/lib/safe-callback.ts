/** Only paths on this site are followed after sign-in (browsers drop tabs and newlines, so "/\t/x" would leave it). */
export function safeCallback(value: string | string[] | undefined): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const base = "http://homeward.invalid";
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}` : "/";
}
