/** A page's query string as Next gives it: a key may repeat, or be missing. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One value of a query parameter: the first when repeated, "" when missing (a filter typed by a person). */
export const oneParam = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] : v) ?? "";
