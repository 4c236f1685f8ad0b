import { hash, verify, type Algorithm } from "@node-rs/argon2";
import { randomInt } from "node:crypto";

/** OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, parallelism 1. */
export const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id (an ambient const enum, not importable as a value)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verified against when the e-mail is unknown, so that both failures take the same time. */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("rasd-dummy-password-for-constant-time");
  return dummyHash;
}

// No 0/O, 1/l/I: passwords are read off a terminal and typed by people in a hurry.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 20 characters from 56: about 116 bits. Grouped for readability. */
export function generatePassword(): string {
  let out = "";
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 5 === 0) out += "-";
    out += ALPHABET[randomInt(ALPHABET.length)];
  }
  return out;
}
