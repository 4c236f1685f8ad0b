/**
 * Text from outside the sentence (a person's name, an e-mail, a P-code, a week, a date) keeps its
 * own direction when it is put into a translated sentence: without isolation "Rasd Admin" next to
 * an Arabic date reorders the date's digits around it ("2026/12/Rasd Admin، 01"). The Unicode
 * isolates FSI…PDI (U+2068, U+2069) do in a plain string what <bdi> does in markup, so they also
 * work in titles, attributes, flash messages and exports' labels.
 */
export const FSI = "\u2068";
export const PDI = "\u2069";

export function isolate(text: string | number | null | undefined): string {
  if (text === null || text === undefined || text === "") return "";
  return `${FSI}${text}${PDI}`;
}

/** A catalogue's values with every one of them isolated, for t("…", isolateAll({ name, at })). */
export function isolateAll<T extends Record<string, string | number>>(values: T): { [K in keyof T]: string } {
  const out = {} as { [K in keyof T]: string };
  for (const k of Object.keys(values) as (keyof T)[]) out[k] = isolate(values[k]);
  return out;
}
