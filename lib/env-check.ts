import { readServerEnv } from "./env";

/** Node-only: a bad configuration ends the process with a message saying which variable and why. */
export function exitOnInvalidServerEnv(): void {
  try {
    readServerEnv();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
