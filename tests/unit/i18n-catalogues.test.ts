import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { catalogues, NAMESPACES } from "@/lib/i18n/messages";
import { isolateCatalogue } from "@/lib/i18n/bidi";
import { ROOT } from "../factories";

type Tree = { [k: string]: string | Tree };

function readCatalogue(locale: "en" | "ar", ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "messages", locale, `${ns}.json`), "utf8")) as Tree;
}

/** Leaf keys with their messages, dotted ("common.nav.home"). */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** The ICU arguments a message interpolates ({name}, {count, plural, …}), nested ones included. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.add(el.value);
      for (const opt of Object.values(el.options)) placeholders(opt.value, into);
    }
    if (el.type === TYPE.tag) placeholders(el.children, into);
  }
  return into;
}

/**
 * Messages that are deliberately composed from different parts per language: each language may
 * use any of the listed arguments (all of which the code always passes), and nothing else.
 */
const PLACEHOLDER_ALLOW = new Map<string, string[]>([
  // lib/i18n/format.ts weekLabelParts: "2020-W04 (20–26 Jan 2020)" vs "الأسبوع 4، 2020 (20–26 كانون الثاني)".
  ["common.weekLabel", ["week", "number", "year", "range"]],
]);

const en = new Map(NAMESPACES.map((ns) => [ns, leaves(readCatalogue("en", ns))]));
const ar = new Map(NAMESPACES.map((ns) => [ns, leaves(readCatalogue("ar", ns))]));

describe.each(NAMESPACES.map((ns) => [ns]))("messages/{en,ar}/%s.json", (ns) => {
  const enKeys = en.get(ns)!;
  const arKeys = ar.get(ns)!;

  it("has the namespace as its only top-level key (or is still empty)", () => {
    for (const locale of ["en", "ar"] as const) expect(Object.keys(readCatalogue(locale, ns)), locale).toSatisfy((keys: string[]) => keys.length === 0 || (keys.length === 1 && keys[0] === ns));
  });

  it("has the same keys in English and Arabic", () => {
    const onlyEn = [...enKeys.keys()].filter((k) => !arKeys.has(k));
    const onlyAr = [...arKeys.keys()].filter((k) => !enKeys.has(k));
    expect({ onlyEn, onlyAr }, `keys only in en: [${onlyEn.join(", ")}]; keys only in ar: [${onlyAr.join(", ")}]`).toEqual({ onlyEn: [], onlyAr: [] });
  });

  it("has no empty or non-text messages", () => {
    const bad = [...enKeys, ...arKeys].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it("uses the same ICU placeholders in both languages, and every message parses", () => {
    const problems: string[] = [];
    for (const [key, enMsg] of enKeys) {
      const arMsg = arKeys.get(key);
      if (typeof enMsg !== "string" || typeof arMsg !== "string") continue;
      try {
        const a = [...placeholders(parse(enMsg))].sort();
        const b = [...placeholders(parse(arMsg))].sort();
        const allowed = PLACEHOLDER_ALLOW.get(key);
        if (allowed) {
          const unknown = [...a, ...b].filter((p) => !allowed.includes(p));
          if (unknown.length) problems.push(`${key}: {${unknown.join(", ")}} is not among the parts it is given (${allowed.join(", ")})`);
        } else if (a.join() !== b.join()) problems.push(`${key}: en {${a.join(", ")}} vs ar {${b.join(", ")}}`);
      } catch (e) {
        problems.push(`${key}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the Arabic messages are written in Arabic (not English copied over)", () => {
    // A single Latin word is allowed: a language's own name ("English") or a brand.
    const untranslated = [...arKeys]
      .filter(([, v]) => typeof v === "string" && !/[\u0600-\u06FF]/.test(v) && /[A-Za-z]{2,}\W+[A-Za-z]{2,}/.test(v))
      .map(([k]) => k);
    expect(untranslated, "Arabic messages without Arabic letters").toEqual([]);
  });
});

describe("catalogues as next-intl reads them", () => {
  it("are keyed by namespace, so t('common.appName') resolves in both languages", () => {
    for (const locale of ["en", "ar"] as const) {
      const t = createTranslator({ locale, messages: catalogues[locale] });
      expect(t("common.appName"), locale).not.toBe("common.appName");
      expect(t("errors.forbidden"), locale).toMatch(/\S/);
    }
    expect(createTranslator({ locale: "en", messages: catalogues.en })("common.appName")).toBe("Rasd");
  });

  it("hold every namespace file in full", () => {
    for (const locale of ["en", "ar"] as const)
      for (const ns of NAMESPACES) {
        const file = readCatalogue(locale, ns);
        // Arabic is loaded with its left-to-right tokens isolated (lib/i18n/bidi.ts), and is otherwise the file.
        const expected = locale === "ar" ? isolateCatalogue(file[ns]) : file[ns];
        if (Object.keys(file).length) expect((catalogues[locale] as Record<string, unknown>)[ns], `${locale}/${ns}`).toEqual(expected);
      }
  });
});

// ---------------------------------------------------------------------------
// No literal user-facing English in JSX: every label goes through next-intl.
// ---------------------------------------------------------------------------

/** Whole files exempt, and why. */
const FILE_ALLOW = new Map([["app/not-found.tsx", "global bilingual 404 outside any locale: no message catalogue is loaded there"]]);
/** Words that are not translated (names, standards). */
const WORD_ALLOW = ["Rasd", "OCHA", "HXL", "CSV", "P-code"];
const USER_FACING_ATTRS = new Set(["aria-label", "aria-description", "title", "placeholder", "alt"]);

function tsxFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".tsx"))
    .map((d) => path.join(d.parentPath, d.name));
}

function hasLatinWords(text: string): boolean {
  let rest = text;
  for (const w of WORD_ALLOW) rest = rest.replaceAll(w, "");
  return /[A-Za-z]{2,}/.test(rest);
}

/** Offending literals in one .tsx file, as "file:line: text". */
function literalStrings(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push(`${file}:${line}: ${JSON.stringify(text.trim().replace(/\s+/g, " "))}`);
  };
  const isStringLike = (n: ts.Node | undefined): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
    !!n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLatinWords(node.text)) report(node, node.text);
    // {"Save"} as a child is the same as writing Save.
    if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent) && isStringLike(node.expression) && hasLatinWords(node.expression.text))
      report(node, node.expression.text);
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRS.has(node.name.getText(sf))) {
      const init = node.initializer;
      const lit = init && ts.isJsxExpression(init) ? init.expression : init;
      if (isStringLike(lit) && hasLatinWords(lit.text)) report(node, `${node.name.getText(sf)}=${lit.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("no literal user-facing strings in app/ and components/", () => {
  const files = [...tsxFiles(path.join(ROOT, "app")), ...tsxFiles(path.join(ROOT, "components"))].map((f) => path.relative(ROOT, f)).sort();

  it("the scanner catches text, string children and labelling attributes (and leaves code alone)", () => {
    const sample = [
      "export function A({ n }: { n: number }) {",
      "  const r = useRef<HTMLFormElement>(null); const ok = n > 2 && n < 5;",
      '  return <div title="Weekly figures" className="btn" dir="ltr">',
      "    Save changes",
      '    {"Cancel"}',
      "    {t(\"save\")} · ({n}) Rasd",
      '    <input placeholder={"Search areas"} aria-label={t("x")} />',
      "  </div>;",
      "}",
    ].join("\n");
    expect(literalStrings("sample.tsx", sample)).toEqual([
      'sample.tsx:3: "title=Weekly figures"',
      'sample.tsx:4: "Save changes"',
      'sample.tsx:5: "Cancel"',
      'sample.tsx:7: "placeholder=Search areas"',
    ]);
  });

  it("finds the screens to check", () => {
    expect(files).toContain("components/signin-form.tsx");
    expect(files).toContain("app/[locale]/page.tsx");
  });

  it("every label goes through the message catalogue", () => {
    const offenders = files.filter((f) => !FILE_ALLOW.has(f)).flatMap((f) => literalStrings(f, fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders, `literal user-facing text (use getTranslations/useTranslations):\n${offenders.join("\n")}`).toEqual([]);
  });
});
