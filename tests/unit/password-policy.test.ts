import { describe, expect, it } from "vitest";
import {
  commonListStats,
  containsPersonalData,
  contextWords,
  isCommonPassword,
  passwordCheckFor,
  passwordProblem,
  personalParts,
} from "@/lib/auth/password-policy";
import { chosenPassword, passwordChangeInput, passwordChangeInputWith } from "@/lib/validation/users";
import { zodFieldErrors } from "@/lib/validation/zod-messages";

const amal = { email: "amal.haddad@example.org", name: "Amal Al Haddad" };
const STRONG = "copper-lantern-orchard-57";

describe("the common-password list", () => {
  it("is the bundled list of more than 100,000 entries, loaded once", () => {
    const stats = commonListStats();
    expect(stats.entries).toBeGreaterThan(100_000);
    // Only entries that a 12-character password could equal are kept in memory.
    expect(stats.kept).toBeGreaterThan(10_000);
    expect(stats.kept).toBeLessThan(stats.entries);
    expect(commonListStats()).toBe(stats);
  });

  it.each(["passwordpassword", "password1234", "PasswordPassword", "1qaz2wsx3edc", "qwertyuiop123", "iloveyou1234", "123456789012", "jamesbond007", "iseedeadpeople"])(
    "refuses %s",
    (pw) => {
      expect(isCommonPassword(pw)).toBe(true);
      expect(passwordProblem(pw, amal)).toBe("common");
    },
  );

  it("accepts a long, unusual passphrase", () => {
    expect(isCommonPassword(STRONG)).toBe(false);
    expect(passwordProblem(STRONG, amal)).toBeNull();
  });
});

describe("the person's own e-mail and name", () => {
  it("takes the e-mail, its local part and its pieces, and name parts of 3 characters or more", () => {
    expect(personalParts(amal)).toEqual(expect.arrayContaining(["amal.haddad@example.org", "amal.haddad", "amal", "haddad"]));
    // "Al" is too short to refuse.
    expect(personalParts(amal)).not.toContain("al");
  });

  it.each([
    ["the whole e-mail", "x-amal.haddad@example.org"],
    ["the local part", "my-AMAL.HADDAD-secret"],
    ["a name part", "haddad-copper-lantern"],
    ["a name part in another case", "Copper-AMAL-lantern-9"],
  ])("refuses a password containing %s", (_what, pw) => {
    expect(containsPersonalData(pw, amal)).toBe(true);
    expect(passwordProblem(pw, amal)).toBe("personal");
  });

  it("ignores name parts shorter than 3 characters", () => {
    expect(containsPersonalData("alpine-copper-lantern", amal)).toBe(false);
  });

  it("works for Arabic names", () => {
    const owner = { email: "s.k@example.org", name: "سلمى خليل" };
    expect(passwordProblem("كلمة-سلمى-الطويلة-2026", owner)).toBe("personal");
    expect(passwordProblem("كلمة-سر-طويلة-جداً-2026", owner)).toBeNull();
  });

  it("says too short before anything else", () => {
    expect(passwordProblem("amal", amal)).toBe("tooShort");
  });
});

describe("words of the service and the organisation (ASVS 6.2.11)", () => {
  it("refuses the service's names in either language, and the operator's own words", () => {
    expect(passwordProblem("my-Rasd-password-2026", amal)).toBe("context");
    expect(passwordProblem("كلمة-رصد-الطويلة-2026", amal)).toBe("context");
    expect(contextWords({ RASD_PASSWORD_WORDS: " Relief Org , RO, ngo-x " })).toEqual(["rasd", "رصد", "relief org", "ngo-x"]);
    const before = process.env.RASD_PASSWORD_WORDS;
    process.env.RASD_PASSWORD_WORDS = "hopebridge";
    try {
      expect(passwordProblem("HopeBridge-winter-2026", amal)).toBe("context");
      expect(passwordCheckFor(amal)("HopeBridge-winter-2026")).toBe("validation.passwordContext");
      expect(passwordProblem(STRONG, amal)).toBeNull();
    } finally {
      if (before === undefined) delete process.env.RASD_PASSWORD_WORDS;
      else process.env.RASD_PASSWORD_WORDS = before;
    }
  });
});

describe("the zod schemas", () => {
  const check = passwordCheckFor(amal);

  it("a chosen password names the rule it breaks, with the catalogue key", () => {
    const keyOf = (pw: string) => {
      const r = chosenPassword(check).safeParse(pw, { reportInput: true });
      return r.success ? null : zodFieldErrors(r.error)._form;
    };
    expect(keyOf("short")).toEqual({ key: "validation.tooShort", values: { minimum: 12 } });
    expect(keyOf("passwordpassword")).toEqual({ key: "validation.passwordCommon" });
    expect(keyOf("haddad-copper-lantern")).toEqual({ key: "validation.passwordPersonal" });
    expect(keyOf(STRONG)).toBeNull();
  });

  it("the form's schema (browser) judges the length only; the server's adds the policy", () => {
    const input = { currentPassword: "old-one", newPassword: "passwordpassword", confirmPassword: "passwordpassword" };
    expect(passwordChangeInput.safeParse(input).success).toBe(true);
    const server = passwordChangeInputWith(check).safeParse(input);
    expect(server.success).toBe(false);
    expect(zodFieldErrors(server.error!).newPassword).toEqual({ key: "validation.passwordCommon" });
  });

  it("the new password must differ from the current one", () => {
    const r = passwordChangeInputWith(check).safeParse({ currentPassword: STRONG, newPassword: STRONG, confirmPassword: STRONG });
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!).newPassword).toEqual({ key: "validation.passwordUnchanged" });
  });
});
