import type { AllHTMLAttributes } from "react";
import { htmlString, type SafeHtml } from "@/lib/safe-html";

/** The elements that hold markup strings today: a drawing's box, an inline name, a cell, table bodies, lists, options. */
type MarkupElement = "div" | "span" | "li" | "td" | "tbody" | "ol" | "select";

type MarkupProps = { as?: MarkupElement; html: SafeHtml } & Omit<AllHTMLAttributes<HTMLElement>, "as" | "children" | "dangerouslySetInnerHTML" | "type">;

/**
 * The one place where markup strings enter the page (lint rule react/no-danger allows this file
 * only, eslint.config.mjs). It takes SafeHtml, never a string, so whatever it writes was built by
 * lib/safe-html.ts, which escapes every value. Any other attribute (className, data-testid…)
 * goes on the element that holds the markup.
 */
export function Markup({ as = "div", html, ...props }: MarkupProps) {
  const Element = as;
  return <Element {...props} dangerouslySetInnerHTML={{ __html: htmlString(html) }} />;
}
