import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { clientOf, jsonText, rowOf, run } from "@/lib/statements";

/**
 * lib/statements.ts runs the save path's SQL on the connection behind a drizzle database or
 * transaction. It reads that connection off drizzle's session (not part of drizzle's types):
 * this fails first if an upgrade of drizzle-orm moves it.
 */
describe("statements on the connection of a drizzle database or transaction", () => {
  it("finds the better-sqlite3 handle of the database and of a transaction", () => {
    const db = openDb(":memory:");
    expect(clientOf(db)).toBe(db.$client);
    db.transaction((tx) => expect(clientOf(tx)).toBe(db.$client), { behavior: "immediate" });
    db.transaction((tx) => tx.transaction((nested) => expect(clientOf(nested)).toBe(db.$client)));
    db.$client.close();
  });

  it("runs inside the drizzle transaction: a rollback undoes it", () => {
    const db = openDb(":memory:");
    db.$client.exec("create table t (v text)");
    expect(() =>
      db.transaction(
        (tx) => {
          run(tx, "insert into t (v) values (?)", "kept?");
          expect(rowOf<{ n: number }>(tx, "select count(*) as n from t")!.n).toBe(1);
          throw new Error("rolled back");
        },
        { behavior: "immediate" },
      ),
    ).toThrow("rolled back");
    expect(rowOf<{ n: number }>(db, "select count(*) as n from t")!.n).toBe(0);
    db.$client.close();
  });

  it("refuses anything that is not a drizzle better-sqlite3 database", () => {
    expect(() => clientOf({} as never)).toThrow(/not a better-sqlite3/);
  });

  it("writes JSON as drizzle's json mode does, and nothing as SQL NULL", () => {
    expect(jsonText({ a: [1, "x"] })).toBe('{"a":[1,"x"]}');
    expect(jsonText([])).toBe("[]");
    expect(jsonText(null)).toBeNull();
    expect(jsonText(undefined)).toBeNull();
  });
});
