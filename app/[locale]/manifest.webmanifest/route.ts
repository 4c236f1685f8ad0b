import { hasLocale } from "next-intl";
import { webAppManifest } from "@/lib/offline/manifest";
import { routing } from "@/lib/i18n/routing";

/** GET /en/manifest.webmanifest, /ar/manifest.webmanifest: the installable app, named in the page's language. Public: it holds no data. */
export const dynamic = "force-static";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(webAppManifest(locale)), { headers: { "Content-Type": "application/manifest+json; charset=utf-8" } });
}
