import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { openDb, type Db } from "../db/client";
import { loadActor, type Actor } from "../lib/auth/actor";
import { insertUser } from "../lib/users";
import type { Role } from "../db/schema";

const TMP = path.join(__dirname, ".tmp");

/** A fresh copy of the migrated base database (real SQLite file, real migrations, real area list). */
export function freshDb(): Db {
  const file = path.join(TMP, `t-${randomUUID()}.db`);
  fs.copyFileSync(path.join(TMP, "base.db"), file);
  return openDb(file);
}

let n = 0;
/** Creates a user the way the admin screen does and returns the Actor as a request would load it. */
export async function makeUser(db: Db, role: Role, areas: string[] = [], opts: { password?: string; email?: string } = {}): Promise<Actor & { password: string }> {
  n += 1;
  const email = opts.email ?? `${role}${n}-${randomUUID().slice(0, 6)}@example.org`;
  const { id, password } = await insertUser(db, { label: "test" }, {
    email,
    name: `${role} ${n}`,
    role,
    areas: role === "coordinator" ? (areas.length ? areas : ["SY02"]) : [],
    password: opts.password,
  });
  return { ...loadActor(db, id)!, password };
}
