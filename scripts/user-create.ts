import { databasePath, openDb, migrateDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { insertUser } from "@/lib/users";
import { loadEnv } from "./env-file";
import { parseArgs } from "node:util";
import type { UserCreateInput } from "@/lib/validation/users";
import { readStdin } from "./cli-args";

/** npm run user:create -- --email E --name N --role admin|coordinator|viewer [--areas SY02,SY0703] [--password-stdin] */
async function main(): Promise<void> {
  loadEnv({ createSecret: false });
  const { values: a } = parseArgs({
    options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    areas: { type: "string" },
    "password-stdin": { type: "boolean" },
    },
  });
  const password = a["password-stdin"] ? await readStdin() : undefined;
  const db = openDb(databasePath());
  try {
    migrateDb(db);
    const created = await insertUser(
      db,
      { label: `cli:user:create (${process.env.USER ?? "operator"})` },
      { email: a.email ?? "", name: a.name ?? "", role: a.role as UserCreateInput["role"], areas: a.areas ?? "", password },
    );
    console.log(`Created user ${created.id} <${a.email}> as ${a.role}.`);
    if (!password) console.log(`Password (shown once): ${created.password}`);
  } finally {
    db.$client.close();
  }
}

main().catch((e: unknown) => {
  if (isAppError(e)) {
    for (const [field, m] of Object.entries(e.fieldErrors ?? {})) console.error(`--${field}: ${m.key} ${m.values ? JSON.stringify(m.values) : ""}`);
    if (!e.fieldErrors || !Object.keys(e.fieldErrors).length) console.error(e.msg.key);
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
