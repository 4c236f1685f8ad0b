import { createTranslator } from "next-intl";
import { catalogues } from "../i18n/messages";

import type { Translate } from "../i18n/translate";

export type Lang = "en" | "ar";
export type { Translate };

/** The "summary" catalogue outside a request (exports are built in route handlers and tests). */
export function summaryTranslator(lang: Lang): Translate {
  const t = createTranslator({ locale: lang, messages: catalogues[lang], namespace: "summary" });
  return (key, values) => t(key as never, values as never);
}

/** A level's name ("Governorate", "محافظة") from the common catalogue. */
export function levelName(lang: Lang, level: number): string {
  const t = createTranslator({ locale: lang, messages: catalogues[lang], namespace: "common" });
  return t(`levels.${level}` as never);
}

/** The rollup rule, stated once for every export's definitions sheet. */
export function rollupNotes(t: Translate): string[] {
  return [t("notes.title"), t("notes.rollup"), t("notes.weighted"), t("notes.unmet"), t("notes.stock"), t("notes.drafts"), t("notes.weeks"), t("notes.hxl")];
}
