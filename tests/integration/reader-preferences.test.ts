import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { signInLanguage } from "@/lib/auth/login";
import { listAudit } from "@/lib/audit";
import { getUser, updateOwnPreferences } from "@/lib/users";
import { auditSince, expectAppError, freshDb, lastAuditId, makeUser } from "../factories";

let db: Db;
let admin: Actor;
beforeAll(async () => {
  db = freshDb();
  admin = await makeUser(db, "admin");
});

describe("the reader's time zone (decision 045)", () => {
  it("is Syria's for a new account", async () => {
    const u = await makeUser(db, "viewer");
    expect(loadActor(db, u.id)?.timeZone).toBe("Asia/Damascus");
  });

  it("is stored under the name Intl gives it, audited, and kept when a save leaves it out", async () => {
    const u = await makeUser(db, "viewer");
    const before = lastAuditId(db);
    updateOwnPreferences(db, u, { locale: "en", numerals: "latn", timeZone: " europe/berlin " });
    expect(loadActor(db, u.id)?.timeZone).toBe("Europe/Berlin");
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "user.preferences", oldValues: expect.objectContaining({ timeZone: "Asia/Damascus" }), newValues: expect.objectContaining({ timeZone: "Europe/Berlin" }) }),
    ]);
    updateOwnPreferences(db, loadActor(db, u.id), { locale: "ar", numerals: "latn" });
    expect(loadActor(db, u.id)).toMatchObject({ timeZone: "Europe/Berlin", locale: "ar" });
  });

  it("refuses a zone Intl does not know, with a message on the field, and changes nothing", async () => {
    const u = await makeUser(db, "viewer");
    const before = lastAuditId(db);
    for (const bad of ["Mars/Olympus_Mons", "", "Asia/Damascus; drop table users", "x".repeat(65)]) {
      const e = await expectAppError(() => updateOwnPreferences(db, u, { locale: "en", numerals: "latn", timeZone: bad }), "invalid");
      expect(e.fieldErrors?.timeZone).toBeDefined();
    }
    expect(loadActor(db, u.id)?.timeZone).toBe("Asia/Damascus");
    expect(auditSince(db, before)).toEqual([]);
  });

  it("decides which days the audit log's From and To mean", async () => {
    const me = await makeUser(db, "admin");
    // An entry at 22:30 UTC on 1 Dec is 01:30 on 2 Dec in Damascus.
    db.$client.prepare("insert into audit_log (at, actor_label, action, entity_type) values (?, 'tz-probe', 'tz.probe', 'user')").run("2031-12-01T22:30:00.000Z");
    const days = (actor: Actor | null, day: string) => listAudit(db, actor, { from: day, to: day, action: "tz.probe" }).total;
    const damascus = loadActor(db, me.id);
    expect(days(damascus, "2031-12-02")).toBe(1);
    expect(days(damascus, "2031-12-01")).toBe(0);
    updateOwnPreferences(db, damascus, { locale: "en", numerals: "latn", timeZone: "UTC" });
    const utc = loadActor(db, me.id);
    expect(days(utc, "2031-12-01")).toBe(1);
    expect(days(utc, "2031-12-02")).toBe(0);
  });
});

describe("the language after signing in (decision 044)", () => {
  it("follows the sign-in page while the account never chose a language, and saves nothing", async () => {
    const u = await makeUser(db, "viewer");
    const before = lastAuditId(db);
    expect(signInLanguage(db, u.email, { locale: "ar", switched: false })).toBe("ar");
    expect(signInLanguage(db, u.email, { locale: "en", switched: false })).toBe("en");
    expect(auditSince(db, before)).toEqual([]);
    expect(getUser(db, admin, u.id).locale).toBe("auto");
  });

  it("follows the language chosen on My account when the person did not switch on the sign-in page", async () => {
    const u = await makeUser(db, "viewer");
    updateOwnPreferences(db, u, { locale: "ar", numerals: "latn" });
    expect(signInLanguage(db, u.email, { locale: "en", switched: false })).toBe("ar");
  });

  it("takes a switch on the sign-in page as the choice, and saves it, audited", async () => {
    const u = await makeUser(db, "viewer");
    updateOwnPreferences(db, u, { locale: "en", numerals: "latn" });
    const before = lastAuditId(db);
    expect(signInLanguage(db, u.email, { locale: "ar", switched: true })).toBe("ar");
    expect(loadActor(db, u.id)).toMatchObject({ locale: "ar", localeChosen: true });
    expect(auditSince(db, before)).toEqual([
      expect.objectContaining({ action: "user.preferences", oldValues: { locale: "en" }, newValues: { locale: "ar", chosenOn: "signin" } }),
    ]);
    // The same choice again changes nothing.
    const again = lastAuditId(db);
    expect(signInLanguage(db, u.email, { locale: "ar", switched: true })).toBe("ar");
    expect(auditSince(db, again)).toEqual([]);
    expect(signInLanguage(db, u.email, { locale: "en", switched: false })).toBe("ar");
  });

  it("\"auto\" on My account hands the choice back to the sign-in page", async () => {
    const u = await makeUser(db, "viewer");
    updateOwnPreferences(db, u, { locale: "ar", numerals: "latn" });
    updateOwnPreferences(db, loadActor(db, u.id), { locale: "auto", numerals: "latn" });
    expect(signInLanguage(db, u.email, { locale: "en", switched: false })).toBe("en");
  });

  it("answers the page's language for an unknown e-mail (never reached after a refused sign-in, but harmless)", () => {
    expect(signInLanguage(db, "nobody@example.org", { locale: "ar", switched: true })).toBe("ar");
    expect(signInLanguage(db, "nobody@example.org", { locale: "xx", switched: false })).toBe("en");
  });
});
