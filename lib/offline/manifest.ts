import { catalogues } from "../i18n/messages";
import { dirOf } from "../i18n/routing";

/** The icons under public/icons (drawn by scripts/make-icons.ts from icon.svg). */
export const APP_ICONS = [
  { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml" },
  { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
  { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
  { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
] as const;

/** Kept with the icon's background, so the splash screen and title bar match it. */
export const THEME_COLOR = "#0f4c5c";

/**
 * The web app manifest in one language: names from the catalogue (the Arabic one without the
 * isolation marks the catalogue adds for display), starting on that language's "My week".
 */
export function webAppManifest(locale: "en" | "ar") {
  const m = catalogues[locale].offline.manifest;
  const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, "");
  return {
    id: "/",
    name: plain(m.name),
    short_name: plain(m.shortName),
    description: plain(m.description),
    lang: locale,
    dir: dirOf(locale),
    start_url: `/${locale}`,
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: THEME_COLOR,
    icons: APP_ICONS,
  };
}
