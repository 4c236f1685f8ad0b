import pino from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LEVELS)[number];

export function logLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  const v = env.LOG_LEVEL?.trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v ?? "") ? (v as LogLevel) : "info";
}

/**
 * The server's one logger: a JSON line per request (scripts/serve.ts) and per notable event, on
 * standard output. Nothing secret or personal is ever passed to it; the redaction below is a second
 * net for fields that must never appear (a password, a token, a cookie, a report's notes).
 */
export const log = pino({
  level: logLevel(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie", "notes", "*.notes"],
    censor: "[redacted]",
  },
});
