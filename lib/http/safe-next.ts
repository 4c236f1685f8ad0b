/**
 * Where to go after signing in: the `next` the sign-in page was given, only when it is a plain
 * path of this site under a locale (`/en/areas/SY02?week=2020-W04`), with the user's own locale
 * put in front. Anything else (another host `//evil`, a backslash, non-ASCII such as
 * `/en/。evil.example`, which is no header value and which some parsers read as a host, control
 * characters, a locale-less path) is ignored for the user's home page.
 */
export function safeNext(next: unknown, locale: string): string {
  const home = `/${locale}`;
  if (typeof next !== "string" || next.length > 2000) return home;
  // Printable ASCII without backslash: a Location header can carry it and no browser reads it as another host.
  if (!/^[\x21-\x5b\x5d-\x7e]*$/.test(next)) return home;
  if (!/^\/(en|ar)(?=[/?#]|$)/.test(next) || next.startsWith("//")) return home;
  if (/^\/(en|ar)\/\//.test(next)) return home;
  return next.replace(/^\/(en|ar)/, home);
}
