import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS, generatePassword, getDummyHash, hashPassword, verifyPassword } from "@/lib/auth/password";

const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

describe("hashPassword / verifyPassword", () => {
  it("stores argon2id with OWASP's minimum parameters (m=19456, t=2, p=1) and a random salt", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("Pässwörd-كلمة-سر-123");
    expect(await verifyPassword(h, "Pässwörd-كلمة-سر-123")).toBe(true);
    expect(await verifyPassword(h, "Pässwörd-كلمة-سر-124")).toBe(false);
    expect(await verifyPassword(h, "")).toBe(false);
    expect(await verifyPassword(h, "pässwörd-كلمة-سر-123")).toBe(false);
  });

  it("answers false (not an exception) for a corrupt stored hash", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyPassword("", "anything")).toBe(false);
  });

  it("the dummy hash used for unknown e-mails is a real argon2id hash with the same cost, computed once", async () => {
    const d = await getDummyHash();
    expect(d).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await getDummyHash()).toBe(d);
  });
});

describe("generatePassword", () => {
  it("is 20 characters from the unambiguous alphabet, in four groups of five", () => {
    const group = `[${ALPHABET}]{5}`;
    const shape = new RegExp(`^${group}-${group}-${group}-${group}$`);
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(shape);
      expect(p).toHaveLength(23);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });

  it("does not repeat and uses the whole alphabet", () => {
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = generatePassword();
      seen.add(p);
      for (const c of p.replaceAll("-", "")) chars.add(c);
    }
    expect(seen.size).toBe(2000);
    expect([...chars].sort().join("")).toBe([...ALPHABET].sort().join(""));
  });

  it("is accepted by the password rules (at least 12 characters)", async () => {
    const p = generatePassword();
    expect(p.length).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword(await hashPassword(p), p)).toBe(true);
  });
});
