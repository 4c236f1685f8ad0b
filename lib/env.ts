import { z } from "zod";

const PLACEHOLDERS = /^(changeme|change-me|secret|placeholder|your[-_ ]?secret.*|xxx+|test|development|dev)$/i;

/** A strong secret: at least 32 characters and not a known placeholder. */
export const authSecret = z
  .string({ message: "AUTH_SECRET is not set" })
  .min(32, "AUTH_SECRET must be at least 32 characters (use: openssl rand -base64 32)")
  .refine((s) => !PLACEHOLDERS.test(s.trim()), "AUTH_SECRET is a placeholder; generate a random one");

const serverEnv = z.object({
  AUTH_SECRET: authSecret,
  DATABASE_PATH: z.string().min(1).default("./data/rasd.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  RASD_DEMO: z.enum(["0", "1"]).default("1"),
});
export type ServerEnv = z.output<typeof serverEnv>;

/** Validates the environment at start-up; a bad one stops the process with a message saying which variable and why. */
export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const result = serverEnv.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
