import type { ComponentProps } from "react";
import { getPathname } from "@/lib/i18n/navigation";

type Href = string | { pathname: string; query?: Record<string, string> };

/**
 * A plain server-rendered link with the locale prefix, for the summary pages' many links (sort
 * headers, table rows, rankings). next-intl's <Link> is a client component: rendering dozens per
 * page on the server, and hydrating them, cost more than the page's queries (see
 * docs/decisions/023-summary-markup-as-escaped-strings.md; decision 032 keeps its plain anchors).
 * These pages navigate by full loads, as they do without JavaScript.
 */
export function PlainLink({ href, locale, ...rest }: { href: Href; locale: string } & Omit<ComponentProps<"a">, "href">) {
  return <a href={getPathname({ locale, href })} {...rest} />;
}
