/**
 * Message catalogues, one file per namespace (messages/{locale}/{namespace}.json), so that
 * screens can be worked on apart. tests/unit/i18n-catalogues.test.ts checks both
 * languages have exactly the same keys.
 */
import enCommon from "@/messages/en/common.json";
import enAuth from "@/messages/en/auth.json";
import enValidation from "@/messages/en/validation.json";
import enErrors from "@/messages/en/errors.json";
import enUsers from "@/messages/en/users.json";
import enAreas from "@/messages/en/areas.json";
import enAudit from "@/messages/en/audit.json";
import enAccount from "@/messages/en/account.json";
import enImport from "@/messages/en/import.json";
import enReports from "@/messages/en/reports.json";
import enSummary from "@/messages/en/summary.json";
import enFiguresImport from "@/messages/en/figuresImport.json";
import enRound from "@/messages/en/round.json";
import enOffline from "@/messages/en/offline.json";
import enFollowUp from "@/messages/en/followUp.json";
import arCommon from "@/messages/ar/common.json";
import arAuth from "@/messages/ar/auth.json";
import arValidation from "@/messages/ar/validation.json";
import arErrors from "@/messages/ar/errors.json";
import arUsers from "@/messages/ar/users.json";
import arAreas from "@/messages/ar/areas.json";
import arAudit from "@/messages/ar/audit.json";
import arAccount from "@/messages/ar/account.json";
import arImport from "@/messages/ar/import.json";
import arReports from "@/messages/ar/reports.json";
import arSummary from "@/messages/ar/summary.json";
import arFiguresImport from "@/messages/ar/figuresImport.json";
import arRound from "@/messages/ar/round.json";
import arOffline from "@/messages/ar/offline.json";
import arFollowUp from "@/messages/ar/followUp.json";
import { isolateCatalogue } from "./bidi";

export const NAMESPACES = ["common", "auth", "validation", "errors", "users", "areas", "audit", "account", "import", "reports", "summary", "figuresImport", "round", "offline", "followUp"] as const;

/** Each file's top-level key is its namespace, so spreading them gives next-intl's { namespace: { key } } shape. */
/** Each file's top-level key is its namespace, so merging the files gives next-intl's message tree. */
export const catalogues = {
  en: { ...enCommon, ...enAuth, ...enValidation, ...enErrors, ...enUsers, ...enAreas, ...enAudit, ...enAccount, ...enImport, ...enReports, ...enSummary, ...enFiguresImport, ...enRound, ...enOffline, ...enFollowUp },
  // Tokens such as "2020-W04" in Arabic sentences are isolated here, once, for every screen (lib/i18n/bidi.ts).
  ar: isolateCatalogue({ ...arCommon, ...arAuth, ...arValidation, ...arErrors, ...arUsers, ...arAreas, ...arAudit, ...arAccount, ...arImport, ...arReports, ...arSummary, ...arFiguresImport, ...arRound, ...arOffline, ...arFollowUp }),
};

/**
 * Namespaces only server components use. They are left out of what the client provider sends,
 * which every page would otherwise carry in full (the summaries' column definitions are ~14 KB).
 */
export const SERVER_ONLY_NAMESPACES: readonly string[] = ["summary", "audit"];

export function clientMessages<M extends Record<string, unknown>>(messages: M): Partial<M> {
  return Object.fromEntries(Object.entries(messages).filter(([ns]) => !SERVER_ONLY_NAMESPACES.includes(ns))) as Partial<M>;
}
