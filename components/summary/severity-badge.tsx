import type { Severity } from "@/lib/figures/severity";

/** A shape per severity (not only a colour), so the label reads in greyscale print and without colour vision. */
export const SEVERITY_ICON: Record<Severity, string> = { critical: "▲", high: "◆", moderate: "●", none: "○" };

/**
 * Synchronous on purpose (the caller passes the translated word): a ranking shows one per row,
 * and an async component per row costs the server more than the row itself. Styles: .sev-* in app/globals.css.
 */
export function SeverityBadge({ severity, label }: { severity: Severity; label: string }) {
  return (
    <span className={`sev sev-${severity}`} data-severity={severity}>
      <span aria-hidden="true">{SEVERITY_ICON[severity]}</span>
      {label}
    </span>
  );
}
