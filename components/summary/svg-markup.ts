/**
 * Drawings (charts, the map) and long text-only table bodies are written as one markup string
 * instead of hundreds of React elements: the same output, at a fraction of the server's rendering
 * work (README, Decisions). Every text and attribute value goes through esc(); geometry is
 * numbers and path commands produced by d3.
 */
export function esc(v: string | number): string {
  return String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** `name="value"` pairs, escaped; null and undefined values are left out. */
export function attrs(a: Record<string, string | number | null | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join("");
}
