import { z } from "zod";

const PLACEHOLDERS = /^(changeme|change-me|secret|placeholder|your[-_ ]?secret.*|xxx+|test|development|dev)$/i;

/** A strong secret: at least 32 characters and not a known placeholder. */
export const authSecret = z
  .string({ message: "AUTH_SECRET is not set" })
  .min(32, "AUTH_SECRET must be at least 32 characters (use: openssl rand -base64 32)")
  .refine((s) => !PLACEHOLDERS.test(s.trim()), "AUTH_SECRET is a placeholder; generate a random one");

/** The area import page posts up to 5 MB of CSV: its actions get this limit, the largest of all (next.config.js uses it too). */
export const IMPORT_ACTION_BODY_LIMIT = 6 * 1024 * 1024;

/** A size in bytes, written `1048576`, `512kb` or `1mb` (binary units, as Next's bodySizeLimit reads them). */
const byteSize = z
  .string()
  .trim()
  .regex(/^\d+(kb|mb)?$/i, "write a size in bytes, or with kb or mb (e.g. 1mb)")
  .transform((s) => {
    const unit = s.slice(-2).toLowerCase();
    const factor = unit === "mb" ? 1024 * 1024 : unit === "kb" ? 1024 : 1;
    return Number.parseInt(s, 10) * factor;
  })
  .pipe(z.number().int().min(1024, "at least 1kb").max(IMPORT_ACTION_BODY_LIMIT, "at most 6mb (the import page's limit and next.config.js's backstop)"));

/** The address users type: scheme and host (and port), no path, since Auth.js builds its URLs from it. */
const publicUrl = z
  .url({ protocol: /^https?$/, message: "must be an http or https URL, e.g. https://rasd.example.org" })
  // zod runs this check after a failed URL check too: only a URL that parses can be looked into.
  .refine((s) => !URL.canParse(s) || /^https?:\/\/[^/?#]+\/?$/i.test(s), "must be an origin only (no path, query or fragment)")
  .transform((s) => new URL(s).origin);

/** Sign-in and session settings, each a bounded number with its default. */
const sessionFields = {
  /** Failed sign-ins per client address in 15 minutes. Raise it when many people share one address (an office behind one satellite link). */
  RASD_SIGNIN_ADDRESS_LIMIT: z.coerce.number().int().min(5).max(100_000).default(20),
  RASD_SESSION_MAX_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  RASD_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60 * 30).default(120),
};
const sessionEnv = z.object(sessionFields);
/** At run time (start-up already refused a bad value): an unreadable value falls back to its own default alone. */
const sessionEnvOrDefaults = z.object({
  RASD_SIGNIN_ADDRESS_LIMIT: sessionFields.RASD_SIGNIN_ADDRESS_LIMIT.catch(20),
  RASD_SESSION_MAX_HOURS: sessionFields.RASD_SESSION_MAX_HOURS.catch(12),
  RASD_SESSION_IDLE_MINUTES: sessionFields.RASD_SESSION_IDLE_MINUTES.catch(120),
});

/** How many weeks an area's last total displaced is carried forward when it has not reported (docs/decisions/036). */
const figureFields = { RASD_CARRY_FORWARD_WEEKS: z.coerce.number().int().min(0).max(12).default(4) };

/** The figure rules' settings; start-up refused a bad value, so an unreadable one here means the default. */
export function figureSettings(env: Record<string, string | undefined> = process.env): { carryForwardWeeks: number } {
  return { carryForwardWeeks: figureFields.RASD_CARRY_FORWARD_WEEKS.catch(4).parse(env.RASD_CARRY_FORWARD_WEEKS) };
}

const serverEnv = sessionEnv.extend({
  AUTH_SECRET: authSecret,
  DATABASE_PATH: z.string().min(1).default("./data/rasd.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the server listens; 0.0.0.0 (every interface) like `next start`. */
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  RASD_DEMO: z.enum(["0", "1"]).default("1"),
  /** How many reverse proxies in front of the server append to X-Forwarded-For; 0 = the socket's address is the client's. */
  RASD_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // An empty value (as container environments often pass) means unset.
  RASD_PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), publicUrl.optional()),
  RASD_ACTION_BODY_LIMIT: byteSize.default(1024 * 1024),
  /** Server processes on the one port (scripts/serve.ts); unset = one per core, 1 = a single process. */
  RASD_WORKERS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(64).optional()),
  ...figureFields,
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

/**
 * Session lifetimes: absolute (from sign-in, default 12 h) and idle (since the last request,
 * default 2 h); and the sign-in limit per address.
 */
export function sessionSettings(env: Record<string, string | undefined> = process.env): { maxAgeMs: number; idleMs: number; addressLimit: number } {
  const s = sessionEnvOrDefaults.parse(env);
  return { maxAgeMs: s.RASD_SESSION_MAX_HOURS * 3_600_000, idleMs: s.RASD_SESSION_IDLE_MINUTES * 60_000, addressLimit: s.RASD_SIGNIN_ADDRESS_LIMIT };
}

/** Backups (docs/operations.md): where `npm run db:backup` and the server's scheduled backups write, how many to keep, how often. */
export const backupFields = {
  RASD_BACKUP_DIR: z.string().trim().min(1).optional(),
  RASD_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** 0: the server takes no backups itself (use cron with npm run db:backup, or Litestream). */
  RASD_BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).max(24 * 365).default(0),
};
