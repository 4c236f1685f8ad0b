/**
 * HTML (and inline SVG) built as strings, safe by construction.
 *
 * Summary pages write their drawings and long table bodies as markup strings rather than hundreds
 * of React elements (docs/decisions/032-one-markup-sink.md). A string that reaches the page must
 * never carry a name typed by a person unescaped, so such markup has its own type, `SafeHtml`,
 * and only three things make one:
 *
 * - the tagged template `html\`…\``, which escapes every interpolated value unless it is already
 *   SafeHtml (so fragments nest without being escaped twice);
 * - `attrs({...})`, `name="value"` pairs with every value escaped;
 * - `trustedHtml(string)`, the one raw insertion, for review (see its comment).
 *
 * `<Markup html={…}>` (components/markup.tsx) is the only place that puts SafeHtml into the page.
 * Plain strings cannot go there: the type system refuses them.
 */

/** Not exported: only this module can make or read a SafeHtml. */
const brand: unique symbol = Symbol("SafeHtml");

export type SafeHtml = { readonly [brand]: string };

/** What may be interpolated: text and numbers (escaped), SafeHtml (as it is), lists of these, and nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(value: string | number): string {
  const s = String(value);
  // Most values (numbers, P-codes, formatted figures) have nothing to escape: skip the replace.
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

function make(markup: string): SafeHtml {
  return { [brand]: markup };
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === "object" && value !== null && brand in value;
}

function write(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (typeof value === "string" || typeof value === "number") return escapeHtml(value);
  if (isSafeHtml(value)) return value[brand];
  let out = "";
  for (const v of value as readonly HtmlValue[]) out += write(v);
  return out;
}

/** Where an interpolation stands: element text, a quoted attribute value, or between a tag's attributes. */
type Place = "text" | "quoted" | "tag";

/**
 * The place of each interpolation of a template, by identity: a tagged template's strings array
 * is the same object on every call from the same place in the code, so each is read once.
 */
const places = new WeakMap<TemplateStringsArray, Place[]>();

/**
 * Escaping makes a value safe as element text or inside a quoted attribute value, and nowhere
 * else. So a template is refused (at its first use, which a test of the page reaches) if it
 * interpolates into an unquoted attribute value (`<a href=${x}>`: a space in x starts another
 * attribute) or contains <script> or <style>; and on each call, a value between a tag's attributes
 * (`<rect${attrs(...)}/>`) must be SafeHtml, and one inside a quoted attribute value must be text.
 */
function placesOf(strings: TemplateStringsArray): Place[] {
  const known = places.get(strings);
  if (known) return known;
  const found: Place[] = [];
  let state: "text" | "tag" | '"' | "'" = "text";
  strings.forEach((chunk, i) => {
    if (/<(script|style)\b/i.test(chunk)) throw new Error("html``: no <script> or <style> in markup templates");
    for (const c of chunk) {
      if (state === "text") state = c === "<" ? "tag" : "text";
      else if (state === "tag") state = c === ">" ? "text" : c === '"' || c === "'" ? c : "tag";
      else if (c === state) state = "tag";
    }
    if (i === strings.length - 1) return;
    if (state === "tag" && /=\s*$/.test(chunk)) throw new Error(`html\`\`: interpolation ${i + 1} is an unquoted attribute value; quote it (…${chunk.slice(-20)})`);
    found.push(state === "text" ? "text" : state === "tag" ? "tag" : "quoted");
  });
  places.set(strings, found);
  return found;
}

/** Markup from a template: every `${value}` is escaped, except SafeHtml, which is inserted as it is. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const at = placesOf(strings);
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (at[i] === "tag" && !(v === null || v === undefined || v === false || isSafeHtml(v))) {
      throw new Error(`html\`\`: interpolation ${i + 1} stands between a tag's attributes and must be attrs(...) or other SafeHtml`);
    }
    // Markup inside an attribute value would be written as it is, quotes included: text only there.
    if (at[i] === "quoted" && typeof v === "object" && v !== null) {
      throw new Error(`html\`\`: interpolation ${i + 1} is an attribute value and must be text or a number`);
    }
    out += write(v) + strings[i + 1]!;
  }
  return make(out);
}

/** Fragments one after the other (e.g. table rows from `.map`), without a separator. */
export function joinHtml(parts: readonly HtmlValue[]): SafeHtml {
  return make(write(parts));
}

/** `name="value"` pairs, each value escaped; null and undefined leave the attribute out. Names are code, checked. */
export function attrs(a: Record<string, string | number | null | undefined>): SafeHtml {
  let out = "";
  for (const name in a) {
    const v = a[name];
    if (v === null || v === undefined) continue;
    if (!/^[a-zA-Z][a-zA-Z0-9:-]*$/.test(name)) throw new Error(`attrs(): not an attribute name: ${name}`);
    out += ` ${name}="${escapeHtml(v)}"`;
  }
  return make(out);
}

/**
 * The one way to insert a string as markup without escaping it. Reviewed use only: the argument
 * must be a constant written in this repository, or markup produced by code that escapes it
 * itself (never text that came from a request, the database or a file). Nothing in the
 * application needs it today; every use must say, beside it, why html`` cannot do.
 */
export function trustedHtml(markup: string): SafeHtml {
  return make(markup);
}

/** The markup as a string, for the one sink (components/markup.tsx) and for tests. */
export function htmlString(markup: SafeHtml): string {
  return markup[brand];
}
