import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/**
 * The box around a table that may be wider than the screen. It scrolls sideways, so it must be
 * reachable by keyboard (tabindex 0, arrow keys scroll it) and named for a screen reader (a
 * region labelled by the table's caption). Below the md breakpoint a line of text says that it
 * scrolls; the edge shadows in app/globals.css show where more columns are, at any width.
 */
export function ScrollBox({
  labelledBy,
  children,
  className,
  hint = true,
}: {
  /** The id of the table's caption (or of the heading that names what scrolls). */
  labelledBy: string;
  children: ReactNode;
  className?: string;
  /** The "scrolls sideways" line; off for what is not a table (a code sample). */
  hint?: boolean;
}) {
  const t = useTranslations("common.scrollBox");
  return (
    // min-w-0: as a grid or flex item the wrapper would otherwise grow to the table's width and widen the page.
    <div className={className ? `min-w-0 ${className}` : "min-w-0"}>
      {hint ? (
        <p className="mb-1 text-xs text-slate-600 md:hidden" data-testid="scroll-hint">
          <span aria-hidden="true">↔ </span>
          {t("hint")}
        </p>
      ) : null}
      <div className="scroll-box" role="region" tabIndex={0} aria-labelledby={labelledBy}>
        {children}
      </div>
    </div>
  );
}
