// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";
import { canonicalTimeZone } from "../i18n/format";

const week = z.string().trim().regex(/^\d{4}-W\d{2}$/, { message: "validation.week" });
/** An optional whole number from a form: "" is none. */
const optionalDays = z.preprocess((v) => (v === "" || v === null || v === undefined ? null : v), z.coerce.number().int().min(0).max(60).nullable());

export const reportingSettingsInput = z.object({
  deadlineDays: z.coerce.number().int().min(0).max(60),
  lockDays: optionalDays,
  timeZone: z
    .string()
    .trim()
    .refine((v) => canonicalTimeZone(v) !== null, { message: "validation.timeZone" }),
  version: z.coerce.number().int().min(1),
});
export type ReportingSettingsInput = z.input<typeof reportingSettingsInput>;

export const weekDeadlineInput = z.object({
  week,
  /** "" returns the week to the default deadline. */
  deadlineDate: z.union([z.iso.date({ message: "validation.date" }), z.literal("")]),
});
export type WeekDeadlineInput = z.input<typeof weekDeadlineInput>;

export const weekLockInput = z.object({
  week,
  reason: z.string().trim().max(500).optional().default(""),
});
export type WeekLockInput = z.input<typeof weekLockInput>;

/** A week back to the automatic lock (the settings' lockDays), as if never locked or unlocked by hand. */
export const weekAutoLockInput = z.object({ week });
export type WeekAutoLockInput = z.input<typeof weekAutoLockInput>;

/** Unlocking lets figures change after the round closed: the reason is required, and audited. */
export const weekUnlockInput = z.object({
  week,
  reason: z.string().trim().min(3, { message: "validation.unlockReason" }).max(500),
});
export type WeekUnlockInput = z.input<typeof weekUnlockInput>;
