import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readServerEnv } from "@/lib/env";

const good = () => randomBytes(32).toString("base64url");
/** An environment holding only these variables (Next's types insist on NODE_ENV, which readServerEnv does not read). */
const vars = (v: Record<string, string> = {}) => v as unknown as NodeJS.ProcessEnv;

describe("readServerEnv", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["short", "abc123"],
    ["31 characters", "a".repeat(15) + "B".repeat(16)],
    ["a short placeholder", "changeme"],
    ["a long placeholder", "your-secret-here-please-change-it-now"],
    ["a placeholder of x's", "x".repeat(40)],
  ])("refuses a %s AUTH_SECRET, naming the variable", (_label, secret) => {
    expect(() => readServerEnv(vars(secret === undefined ? {} : { AUTH_SECRET: secret }))).toThrow(/AUTH_SECRET/);
  });

  it("says why: not set / too short / placeholder", () => {
    expect(() => readServerEnv(vars({}))).toThrow(/AUTH_SECRET is not set/);
    expect(() => readServerEnv(vars({ AUTH_SECRET: "short" }))).toThrow(/at least 32 characters/);
    expect(() => readServerEnv(vars({ AUTH_SECRET: "your_secret_goes_here_0123456789abcdef" }))).toThrow(/placeholder/);
  });

  it("does not echo the secret it refuses", () => {
    const secret = "your-secret-" + "q".repeat(30);
    let message = "";
    try {
      readServerEnv(vars({ AUTH_SECRET: secret }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/AUTH_SECRET/);
    expect(message).not.toContain(secret);
  });

  it("accepts a random secret of 32+ characters and fills in the defaults", () => {
    const secret = good();
    const env = readServerEnv(vars({ AUTH_SECRET: secret }));
    expect(env).toEqual({
      AUTH_SECRET: secret,
      DATABASE_PATH: "./data/rasd.db",
      PORT: 3000,
      HOST: "0.0.0.0",
      RASD_DEMO: "1",
      RASD_TRUSTED_PROXIES: 0,
      RASD_PUBLIC_URL: undefined,
      RASD_ACTION_BODY_LIMIT: 1024 * 1024,
      RASD_SIGNIN_ADDRESS_LIMIT: 20,
      RASD_SESSION_MAX_HOURS: 12,
      RASD_SESSION_IDLE_MINUTES: 120,
      RASD_CARRY_FORWARD_WEEKS: 4,
    });
  });

  it("reads the other variables and checks them too", () => {
    expect(readServerEnv(vars({ AUTH_SECRET: good(), DATABASE_PATH: "/srv/rasd.db", PORT: "8080", RASD_DEMO: "0" }))).toMatchObject({
      DATABASE_PATH: "/srv/rasd.db",
      PORT: 8080,
      RASD_DEMO: "0",
    });
    expect(() => readServerEnv(vars({ AUTH_SECRET: good(), PORT: "70000" }))).toThrow(/PORT/);
    expect(() => readServerEnv(vars({ AUTH_SECRET: good(), RASD_DEMO: "yes" }))).toThrow(/RASD_DEMO/);
  });

  it("reads the edge settings: trusted proxies, public URL (origin only), action body limit", () => {
    const env = readServerEnv(vars({ AUTH_SECRET: good(), RASD_TRUSTED_PROXIES: "1", RASD_PUBLIC_URL: "https://rasd.example.org/", RASD_ACTION_BODY_LIMIT: "512kb", HOST: "127.0.0.1" }));
    expect(env).toMatchObject({ RASD_TRUSTED_PROXIES: 1, RASD_PUBLIC_URL: "https://rasd.example.org", RASD_ACTION_BODY_LIMIT: 512 * 1024, HOST: "127.0.0.1" });
    expect(readServerEnv(vars({ AUTH_SECRET: good(), RASD_ACTION_BODY_LIMIT: "2mb" })).RASD_ACTION_BODY_LIMIT).toBe(2 * 1024 * 1024);
    expect(readServerEnv(vars({ AUTH_SECRET: good(), RASD_ACTION_BODY_LIMIT: "2000000" })).RASD_ACTION_BODY_LIMIT).toBe(2_000_000);
    expect(readServerEnv(vars({ AUTH_SECRET: good(), RASD_PUBLIC_URL: "" })).RASD_PUBLIC_URL).toBeUndefined();
  });

  it.each([
    ["RASD_TRUSTED_PROXIES", "-1"],
    ["RASD_TRUSTED_PROXIES", "many"],
    ["RASD_PUBLIC_URL", "rasd.example.org"],
    ["RASD_PUBLIC_URL", "ftp://rasd.example.org"],
    ["RASD_PUBLIC_URL", "https://rasd.example.org/app"],
    ["RASD_ACTION_BODY_LIMIT", "10mb"],
    ["RASD_ACTION_BODY_LIMIT", "1 gigabyte"],
  ])("refuses %s=%s, naming it", (name, value) => {
    expect(() => readServerEnv(vars({ AUTH_SECRET: good(), [name]: value }))).toThrow(new RegExp(name));
  });
});
