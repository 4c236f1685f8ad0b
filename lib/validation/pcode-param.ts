/**
 * A P-code from a URL segment, upper-cased, or null when the segment is no P-code at all. Real
 * codes are ASCII letters and digits (SY02, SY0200, SY020000, C1007): anything else (a percent
 * sign left encoded, non-ASCII, NUL, spaces) is answered 404 as it stands, never decoded,
 * trimmed or case-folded into another code ("ſ" upper-cases to "S"). Lower case ASCII is the same
 * code, written loosely (/reports/sy0200/…), and pages may redirect it to the upper-case address.
 */
export function pcodeFromParam(param: string): string | null {
  return /^[A-Za-z0-9]{2,20}$/.test(param) ? param.toUpperCase() : null;
}
