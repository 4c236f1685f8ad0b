import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverBundle } from "../../scripts/server-bundle";

/**
 * Shared by the black-box security specs: accounts made the way an operator makes them
 * (`npm run user:create` against the server's database file), and a second server of one's
 * own when a spec needs other settings (short session lifetimes, trusted proxies).
 */
export const ROOT = path.join(__dirname, "..", "..");
/** The database of the shared test server (tests/e2e/serve.sh). */
export const SHARED_DB = path.join(ROOT, "tests", ".tmp", "e2e", "rasd.db");

let n = 0;
export function uniqueEmail(prefix: string): string {
  n += 1;
  return `${prefix}-${Date.now().toString(36)}-${n}-${randomBytes(2).toString("hex")}@example.org`;
}

export type Account = { email: string; password: string; name: string };

/** An account with a password it chose itself (so it is not asked to change it), through the operator script. */
export function createAccount(role: "admin" | "coordinator" | "viewer", opts: { areas?: string; dbPath?: string; prefix?: string } = {}): Account {
  const email = uniqueEmail(opts.prefix ?? role);
  const password = `Sec-${randomBytes(15).toString("base64url")}`;
  const name = `Security ${role} ${n}`;
  const args = ["tsx", "scripts/user-create.ts", "--email", email, "--name", name, "--role", role, "--password-stdin"];
  if (opts.areas) args.push("--areas", opts.areas);
  execFileSync("npx", args, {
    cwd: ROOT,
    input: password,
    env: { ...process.env, DATABASE_PATH: opts.dbPath ?? SHARED_DB, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["pipe", "ignore", "inherit"],
  });
  return { email, password, name };
}

export async function signIn(page: Page, account: { email: string; password: string }, locale = "en"): Promise<void> {
  await page.goto(`/${locale}/signin`);
  await page.locator("#email").fill(account.email);
  await page.locator("#password").fill(account.password);
  // The sign-in form's own button: a signed-in page also has the menu's sign-out form.
  await page.locator("form:has(#email) button[type=submit]").click();
  // Off the sign-in page: someone already signed in sees "signed in as" there too, before the new sign-in is done.
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The session cookie(s) of a browser context, as a Cookie header someone could have copied. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A page or API request made with a copied cookie only: no browser state. */
export async function getWithCookie(request: APIRequestContext, url: string, cookie: string) {
  return request.get(url, { headers: { cookie }, maxRedirects: 0 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type OwnServer = { baseURL: string; dbPath: string; stop: () => Promise<void> };

/**
 * A production server of the spec's own (same build, fresh database, its own settings) on a free
 * port of 127.0.0.1. Accounts for it: createAccount(role, { dbPath }).
 */
export async function startOwnServer(env: Record<string, string>): Promise<OwnServer> {
  const port = await freePort();
  const dir = path.join(ROOT, "tests", ".tmp", `security-${port}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, "rasd.db");
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    RASD_DEMO: "0",
    AUTH_TRUST_HOST: "true",
    AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    DATABASE_PATH: dbPath,
  };
  execFileSync("npx", ["tsx", "scripts/prepare-db.ts", "--no-demo"], { cwd: ROOT, env: base, stdio: "ignore" });
  const child: ChildProcess = spawn(process.execPath, ["--expose-gc", serverBundle(ROOT)], {
    cwd: ROOT,
    env: { ...base, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${baseURL}/en/signin`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    dbPath,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
