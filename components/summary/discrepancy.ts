import { html, type SafeHtml } from "@/lib/safe-html";

/** The warning in a table row whose direct report disagrees with its sub-areas (the figures panel has its own, a full alert). */
export function discrepancyHtml(text: string): SafeHtml {
  return html`<div class="text-xs text-red-800" data-testid="row-discrepancy"><span aria-hidden="true">⚠ </span>${text}</div>`;
}
