import { databasePath, openDb, migrateDb } from "@/db/client";
import { createTranslator } from "next-intl";
import { isAppError } from "@/lib/errors";
import { catalogues } from "@/lib/i18n/messages";
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
    // The same catalogue the screens use, in English for the operator's terminal.
    const t = createTranslator({ locale: "en", messages: catalogues.en });
    const say = (m: { key: string; values?: Record<string, string | number> }) => t(m.key as never, m.values as never);
    const fields = Object.entries(e.fieldErrors ?? {});
    for (const [field, m] of fields) console.error(`--${field}: ${say(m)}`);
    if (!fields.length) console.error(say(e.msg));
  } else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
