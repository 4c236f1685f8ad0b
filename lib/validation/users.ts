// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";
import { canonicalTimeZone } from "@/lib/i18n/format";
import { ROLES } from "@/lib/roles";
import { pcode } from "./areas";

export const PASSWORD_MIN = 12;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * A server-side check on a chosen password (the common-password list, the person's own e-mail
 * and name: lib/auth/password-policy.ts). Returns a catalogue key, or null when the password passes.
 * It is passed in, so that this file stays loadable in the browser, where the form checks the length.
 */
export type PasswordCheck = (password: string) => string | null;

/** A password that a person chooses. Without a check (in the form) only the length is judged. */
export function chosenPassword(check?: PasswordCheck) {
  return z
    .string()
    .min(PASSWORD_MIN)
    .max(256)
    .superRefine((password, ctx) => {
      if (!check || password.length < PASSWORD_MIN) return;
      const problem = check(password);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/**
 * Areas come from checkboxes (several values) or a comma/space separated list typed by hand.
 * A bad code is reported on the list itself (not "areas.3") so the form can show it beside the field.
 */
const areaList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : (v ?? "").split(/[\s,]+/)).map((s) => s.trim().toUpperCase()).filter(Boolean),
  )
  .refine((codes) => codes.every((c) => pcode.safeParse(c).success), { message: "validation.pcode" })
  .pipe(z.array(z.string()).max(500));

/** The admin form sends ticked areas and hand-typed extra codes (e.g. communities); lib/ sees one list. */
function mergeExtraAreas<T extends { areas: string[]; areasExtra: string[] }>({ areasExtra, ...rest }: T) {
  return { ...rest, areas: [...new Set([...rest.areas, ...areasExtra])] };
}

function coordinatorNeedsAreas(v: { role: string; areas: string[] }, ctx: z.RefinementCtx) {
  if (v.role === "coordinator" && v.areas.length === 0)
    ctx.addIssue({ code: "custom", path: ["areas"], message: "validation.coordinatorAreas" });
}

export const userCreateInput = z
  .object({
    email,
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    areas: areaList,
    areasExtra: areaList,
  })
  .transform(mergeExtraAreas)
  .superRefine(coordinatorNeedsAreas);
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userUpdateInput = z
  .object({
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    areas: areaList,
    areasExtra: areaList,
  })
  .transform(mergeExtraAreas)
  .superRefine(coordinatorNeedsAreas);
export type UserUpdateInput = z.input<typeof userUpdateInput>;

export const userFilter = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
});
export type UserFilter = z.input<typeof userFilter>;

/** A record id posted from a form (hidden input): lib/ functions parse it, so a forged value is refused, not trusted. */
export const recordIdInput = z.object({ id: z.coerce.number().int().positive() });
export type RecordIdInput = z.input<typeof recordIdInput>;

/** The account page's form; the server builds it with the password policy's check for the signed-in person. */
export function passwordChangeInputWith(check?: PasswordCheck) {
  return z
    .object({
      currentPassword: z.string().min(1).max(256),
      newPassword: chosenPassword(check),
      confirmPassword: z.string(),
      /** A checkbox: "on" when ticked, absent otherwise. */
      revokeTokens: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(false),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordsDiffer" })
    // A forced change must end with a password only the owner knows.
    .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "validation.passwordUnchanged" });
}
export const passwordChangeInput = passwordChangeInputWith();
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

/** A password given to `npm run user:create -- --password-stdin`, checked against the new account's e-mail and name. */
export function chosenPasswordInputWith(check: PasswordCheck) {
  return z.object({ password: chosenPassword(check) });
}

/** The reader's zone, checked against the zones Intl knows and kept under the name Intl gives it. */
export const timeZoneInput = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (!zone) ctx.addIssue({ code: "custom", message: "validation.timeZone" });
    return zone ?? name;
  });

export const preferencesInput = z.object({
  /** "auto": no language chosen, so signing in follows the sign-in page's language (decision 044). */
  locale: z.enum(["auto", "en", "ar"]),
  numerals: z.enum(["latn", "arab"]),
  /** Left out: the zone stays as it is. */
  timeZone: timeZoneInput.optional(),
});
export type PreferencesInput = z.input<typeof preferencesInput>;

export const signInInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type SignInInput = z.input<typeof signInInput>;
