import { z } from "zod";
import { ROLES } from "@/db/schema";
import { pcode } from "./areas";

export const PASSWORD_MIN = 12;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const newPassword = z.string().min(PASSWORD_MIN).max(256);

/** Areas come from checkboxes (several values) or a comma/space separated list typed by an operator. */
const areaList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(pcode).max(500));

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
  })
  .superRefine(coordinatorNeedsAreas);
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userUpdateInput = z
  .object({
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    areas: areaList,
  })
  .superRefine(coordinatorNeedsAreas);
export type UserUpdateInput = z.input<typeof userUpdateInput>;

export const userFilter = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
});
export type UserFilter = z.input<typeof userFilter>;

export const passwordChangeInput = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordsDiffer" });
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

export const preferencesInput = z.object({
  locale: z.enum(["en", "ar"]),
  numerals: z.enum(["latn", "arab"]),
});
export type PreferencesInput = z.input<typeof preferencesInput>;

export const signInInput = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type SignInInput = z.input<typeof signInInput>;
