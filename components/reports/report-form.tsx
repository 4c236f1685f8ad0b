"use client";

import { Fragment, useActionState, useRef, useState, useSyncExternalStore, useTransition, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import { get, type DefaultValues } from "react-hook-form";
import type { z } from "zod";
import { Field, FieldError, FormAlert, useZodForm } from "@/components/form-kit";
import { formatDateTime, type Numerals } from "@/lib/i18n/format";
import { isolate } from "@/lib/i18n/bidi";
import { reportWarnings, type FiguresForWarnings, type PreviousFigures, type ReportWarning } from "@/lib/reports/warnings";
import { addWeeks } from "@/lib/weeks";
import { rangeWarnings, type RangeBounds } from "@/lib/reports/range-rules";
import { nestFormFields, numberOrNull, weeklyReportInput } from "@/lib/validation/weekly-report";
import { fieldLabel } from "./field-label";
import { FieldWarnings, ReportWarnings, useWarningText, warningId } from "./report-warnings";
import { UnsavedChangesGuard } from "./unsaved-changes-guard";
import type { ActionState, FormAction } from "@/lib/action-state";
import type { SavedReport } from "@/lib/reports/save";
import { formTextOf, useDeviceCopy } from "@/components/offline/use-device-copy";

/** The form's values are text, as typed; the shared schema turns them into figures. */
export type ReportFormValues = {
  newlyDisplacedFamilies: string;
  repeatDisplacedFamilies: string;
  totalDisplacedFamilies: string;
  individuals: string;
  sectors: Record<string, { gapPct: string; familiesInNeed: string }>;
  notes: string;
  source: string;
  status: "draft" | "submitted";
  version: string;
  acknowledgeWarnings: boolean;
};

type Props = {
  pcode: string;
  week: string;
  locale: string;
  numerals: Numerals;
  /** The reader's zone (decision 045). */
  timeZone: string;
  sectors: { code: string; name: string }[];
  initial: ReportFormValues;
  /** The previous week's report, to warn about unusual changes as the person types (null: there is none). */
  previous: PreviousFigures | null;
  /** The min-max bounds of the area (its own rules or its nearest ancestor's), to warn as the person types. */
  bounds?: RangeBounds;
  /** The page itself, for "open the current figures" after a conflict. */
  selfHref: string;
  /** The save action, passed by the page (components never import from app/). */
  action: FormAction<SavedReport>;
  /** The page follows a successful save (?saved=…): a device copy it showed is no longer needed. */
  savedNow?: boolean;
};

const noSubscription = () => () => {};
const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** Values a failed post sent (flat "sectors.nfi.gapPct" names), back into the form's shape. */
function fromEcho(values: Record<string, unknown>, initial: ReportFormValues): ReportFormValues {
  const nested = nestFormFields(values) as Record<string, unknown> & { sectors?: Record<string, Record<string, unknown>> };
  const sectors: ReportFormValues["sectors"] = {};
  for (const code of Object.keys(initial.sectors))
    sectors[code] = { gapPct: str(nested.sectors?.[code]?.gapPct), familiesInNeed: str(nested.sectors?.[code]?.familiesInNeed) };
  return {
    newlyDisplacedFamilies: str(nested.newlyDisplacedFamilies),
    repeatDisplacedFamilies: str(nested.repeatDisplacedFamilies),
    totalDisplacedFamilies: str(nested.totalDisplacedFamilies),
    individuals: str(nested.individuals),
    sectors,
    notes: str(nested.notes),
    source: str(nested.source),
    status: nested.status === "submitted" ? "submitted" : "draft",
    // The version the person started from: resubmitting after a conflict is refused again until they choose to overwrite.
    version: str(nested.version ?? initial.version),
    acknowledgeWarnings: nested.acknowledgeWarnings === "on",
  };
}

export function ReportForm({ pcode, week, locale, numerals, timeZone, sectors, initial, previous, bounds = {}, selfHref, action: saveAction, savedNow = false }: Props) {
  const t = useTranslations("reports");
  const tc = useTranslations("common");
  const [actionState, action] = useActionState(saveAction, null);
  // With JavaScript the save is called, not dispatched, so that a save that gets no answer is caught (below).
  const [answered, setAnswered] = useState<ActionState<SavedReport>>(null);
  const state = answered ?? actionState;
  const defaults = state && !state.ok && state.values ? fromEcho(state.values, initial) : initial;
  const form = useZodForm(weeklyReportInput, defaults as DefaultValues<z.input<typeof weeklyReportInput>>, state);
  const [pending, startTransition] = useTransition();
  const [overwriting, setOverwriting] = useState<number | null>(null);
  const to = useTranslations("offline.form");
  // Offline entry (issue 13): figures saved on this device and not yet sent show in the form, instead of the server's.
  const device = useDeviceCopy(pcode, week, savedNow, (item) => {
    form.reset({ ...formTextOf(item.figures, sectors.map((s) => s.code)), version: defaults.version, acknowledgeWarnings: false } as never);
  });
  const formRef = useRef<HTMLFormElement>(null);
  const { errors } = form.formState;
  const reg = (name: string) => form.register(name as never);
  // Before hydration (and always without JavaScript) react-hook-form has not seen the server's field errors yet: show them from the state.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const serverErr = (name: string) => {
    const msg = !hydrated && state && !state.ok ? state.fieldErrors?.[name] : undefined;
    return msg ? JSON.stringify(msg) : undefined;
  };
  const err = (name: string) => (get(errors, name) as { message?: string } | undefined)?.message ?? serverErr(name);
  // react-hook-form fills inputs from the browser; the server-rendered HTML needs the values too (JavaScript off).
  const initialValue = (name: string) => str(get(defaults, name));

  const typed = form.watch() as unknown as ReportFormValues;
  const current: FiguresForWarnings = {
    newlyDisplacedFamilies: numberOrNull(typed.newlyDisplacedFamilies),
    repeatDisplacedFamilies: numberOrNull(typed.repeatDisplacedFamilies),
    totalDisplacedFamilies: numberOrNull(typed.totalDisplacedFamilies),
    individuals: numberOrNull(typed.individuals),
    sectors: Object.fromEntries(
      sectors.map((s) => [s.code, { gapPct: numberOrNull(typed.sectors?.[s.code]?.gapPct), familiesInNeed: numberOrNull(typed.sectors?.[s.code]?.familiesInNeed) }]),
    ),
  };
  // The same two rules, in the same order, as the server's save (lib/reports/save.ts).
  const warnings = [...reportWarnings(current, previous), ...rangeWarnings(current, bounds)];
  const warningsOf = (name: string): ReportWarning[] => warnings.filter((w) => w.field === name);
  const warningText = useWarningText(locale, numerals);
  // The error (when there is one) and the warning (when there is one) both describe the field.
  const describedBy = (name: string) => [`${name}-error`, ...(warningsOf(name).length ? [warningId(name)] : [])].join(" ");
  const sectorName = (code: string) => sectors.find((s) => s.code === code)?.name ?? code;
  const refusedForWarnings = !!state && !state.ok && state.msg.key === "errors.reportWarnings";

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    // Which button was pressed decides the status; it must travel in the FormData as without JavaScript.
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    form.setValue("status" as never, (submitter?.value === "submitted" ? "submitted" : "draft") as never);
    void form.handleSubmit((data) => {
      if (warnings.length && !form.getValues("acknowledgeWarnings" as never)) {
        form.setError("acknowledgeWarnings" as never, { type: "manual", message: "validation.confirmWarnings" }, { shouldFocus: true });
        return;
      }
      const fd = new FormData(el, submitter);
      startTransition(async () => {
        if (await device.offlineNow()) {
          // No connection: the figures go to the outbox, to be sent through the API when it returns. Never a pretended "saved".
          if (await device.saveOnDevice(data, locale)) form.reset(form.getValues());
          return;
        }
        // The last answer goes while this save is under way (a redirect keeps the form mounted on the same page).
        setAnswered(null);
        let next: ActionState<SavedReport>;
        try {
          next = await saveAction(state, fd);
        } catch (e) {
          // Saved: the server's answer is a redirect to the saved report, which Next follows.
          unstable_rethrow(e);
          // No answer (the connection dropped during the save): the figures are not lost but kept on the device,
          // and sent when the server can be reached. If it did take them, the outbox finds them there and counts them as sent.
          if (await device.saveOnDevice(data, locale)) form.reset(form.getValues());
          return;
        }
        startTransition(() => setAnswered(next));
      });
    })(e);
  };

  const conflict = state && !state.ok && state.msg.key === "errors.reportChanged" ? state.msg.values : undefined;
  const conflictVersion = Number(conflict?.version ?? 0);
  // A sector's cell: the row header names the sector, so the input is labelled by aria-label.
  const sectorInput = (name: string, inputMode: "decimal" | "numeric", label: string) => (
    <>
      <input
        id={name}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        className="input num"
        aria-label={label}
        aria-invalid={!!err(name)}
        aria-describedby={describedBy(name)}
        data-warning={warningsOf(name).length ? "true" : undefined}
        defaultValue={initialValue(name)}
        {...reg(name)}
      />
      <FieldError id={`${name}-error`} message={err(name)} />
    </>
  );
  const number = (name: string, label: string, help?: string) => (
    <Field label={label} name={name} error={err(name)} hint={help}>
      <input
        id={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="input num"
        aria-invalid={!!err(name)}
        aria-describedby={describedBy(name)}
        data-warning={warningsOf(name).length ? "true" : undefined}
        defaultValue={initialValue(name)}
        {...reg(name)}
      />
      <FieldWarnings warnings={warningsOf(name)} text={warningText} />
    </Field>
  );

  return (
    <form ref={formRef} action={action} onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="report-form" aria-label={t("form.title")}>
      {/* A refused save keeps the typed values: they are still unsaved, whatever react-hook-form thinks. */}
      <UnsavedChangesGuard dirty={form.formState.isDirty || (!!state && !state.ok)} message={t("form.unsavedConfirm")} form={formRef} />
      {conflict ? (
        <div className="alert-error grid gap-2" role="alert" data-testid="report-conflict" data-by-you={conflict.byYou ? "true" : "false"}>
          <p className="font-semibold">{t(conflict.byYou ? "form.conflictTitleYou" : "form.conflictTitle")}</p>
          <p>
            {t(conflict.byYou ? "form.conflictBodyYou" : "form.conflictBody", {
              by: isolate(String(conflict.by)),
              version: conflictVersion,
              at: isolate(formatDateTime(String(conflict.at), locale, numerals, timeZone)),
              fields: String(conflict.fields)
                .split(", ")
                .map((f) => fieldLabel(t, f, sectorName))
                .join(locale === "ar" ? "، " : ", "),
            })}
          </p>
          <p>{t("form.conflictKept")}</p>
          <p className="flex flex-wrap gap-3">
            <a href={selfHref} target="_blank" rel="noopener">
              {t("form.openLatest")}
            </a>
            <button
              type="button"
              className="btn-secondary"
              data-testid="overwrite"
              onClick={() => setOverwriting(conflictVersion)}
            >
              {t("form.overwrite", { version: conflictVersion })}
            </button>
          </p>
          {overwriting === conflictVersion ? <p role="status">{t("form.overwriteArmed", { version: conflictVersion })}</p> : null}
        </div>
      ) : (
        <>
          <FormAlert state={state} />
          {refusedForWarnings && warnings.length ? (
            <p className="text-sm">
              <a href="#report-warnings">{t("form.warnings.goTo")}</a>
            </p>
          ) : null}
        </>
      )}
      {device.savedHere ? (
        <p className="alert-warn" role="status" data-testid="offline-saved">
          {to("savedOnDevice")}
        </p>
      ) : device.item ? (
        <p className="alert-warn" role="status" data-testid="offline-device-copy" data-status={device.item.status}>
          {device.item.status === "attention" ? to("needsAttention") : to("fromDevice", { at: isolate(formatDateTime(device.item.savedAt, locale, numerals, timeZone)) })}
        </p>
      ) : null}
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <input type="hidden" name="locale" value={locale} />
      {/* React owns this value, not react-hook-form: its setValue never reached the hidden input, so "save over version N" sent the old version again and looped. */}
      <input type="hidden" name="version" value={overwriting !== null && overwriting === conflictVersion ? String(conflictVersion) : defaults.version} />
      {/* The history records a save over a newer version as such ("keep mine"), online and from the outbox alike. */}
      {overwriting !== null && overwriting === conflictVersion ? <input type="hidden" name="keepMine" value="on" /> : null}

      <div className="grid gap-x-4 sm:grid-cols-2">
        {number("newlyDisplacedFamilies", t("fields.newlyDisplacedFamilies"), t("fields.newlyHelp"))}
        {number("repeatDisplacedFamilies", t("fields.repeatDisplacedFamilies"), t("fields.repeatHelp"))}
        {number("totalDisplacedFamilies", t("fields.totalDisplacedFamilies"), t("fields.totalHelp"))}
        {number("individuals", t("fields.individuals"))}
      </div>

      <fieldset className="grid gap-2">
        <legend className="text-base font-semibold">{t("form.sectorsTitle")}</legend>
        <p className="text-sm text-slate-600">{t("form.sectorsHelp")}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.sector")}</th>
              <th scope="col">{t("fields.gapPct")}</th>
              <th scope="col">{t("fields.familiesInNeed")}</th>
            </tr>
          </thead>
          <tbody>
            {sectors.map((s) => {
              const gap = `sectors.${s.code}.gapPct`;
              const need = `sectors.${s.code}.familiesInNeed`;
              const sectorWarnings = [...warningsOf(gap), ...warningsOf(need)];
              return (
                <Fragment key={s.code}>
                  <tr data-testid={`sector-${s.code}`}>
                    <th scope="row" className="font-medium">
                      {s.name}
                    </th>
                    <td>{sectorInput(gap, "decimal", t("fields.sectorGap", { sector: s.name }))}</td>
                    <td>{sectorInput(need, "numeric", t("fields.sectorNeed", { sector: s.name }))}</td>
                  </tr>
                  {/* A row of its own under the sector: a sentence does not fit in a figure's cell on a phone. */}
                  {sectorWarnings.length ? (
                    <tr data-testid={`sector-${s.code}-warnings`}>
                      <td colSpan={3}>
                        <FieldWarnings warnings={sectorWarnings} text={warningText} label={(f) => fieldLabel(t, f, sectorName)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <FieldError id="sectors-error" message={err("sectors")} />
      </fieldset>

      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label={t("fields.notes")} name="notes" error={err("notes")}>
          <textarea id="notes" rows={3} className="input" aria-invalid={!!err("notes")} aria-describedby="notes-error" defaultValue={defaults.notes} {...reg("notes")} />
        </Field>
        <Field label={t("fields.source")} name="source" error={err("source")} hint={t("fields.sourceHint")}>
          <input id="source" type="text" autoComplete="off" className="input" aria-invalid={!!err("source")} aria-describedby="source-error" defaultValue={defaults.source} {...reg("source")} />
        </Field>
      </div>

      {warnings.length ? (
        <ReportWarnings
          warnings={warnings}
          label={(f) => fieldLabel(t, f, sectorName)}
          text={warningText}
          previousWeek={addWeeks(week, -1)}
          hasPrevious={!!previous}
          locale={locale}
          numerals={numerals}
        >
          <label className="flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="mt-1"
              aria-describedby="acknowledgeWarnings-error"
              defaultChecked={defaults.acknowledgeWarnings}
              data-testid="acknowledge-warnings"
              {...reg("acknowledgeWarnings")}
            />
            {t("form.warnings.acknowledge")}
          </label>
          <FieldError id="acknowledgeWarnings-error" message={err("acknowledgeWarnings")} />
        </ReportWarnings>
      ) : (
        <FieldError id="acknowledgeWarnings-error" message={err("acknowledgeWarnings")} />
      )}
      <FieldError id="_form-error" message={err("_form")} />

      <div className="flex flex-wrap gap-3">
        <button type="submit" name="status" value="draft" className="btn-secondary" disabled={pending} data-testid="save-draft">
          {pending ? tc("working") : t("form.saveDraft")}
        </button>
        <button type="submit" name="status" value="submitted" className="btn" disabled={pending} data-testid="submit-report">
          {pending ? tc("working") : t("form.submit")}
        </button>
      </div>
    </form>
  );
}
