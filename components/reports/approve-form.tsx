"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { approveAllAction, approveReportAction } from "@/app/[locale]/reports/actions";
import { FormAlert } from "@/components/form-kit";

/** Approves one submitted report; `version` is the one the admin is looking at. */
export function ApproveForm({ pcode, week, version, label }: { pcode: string; week: string; version: number; label?: string }) {
  const t = useTranslations("reports.approval");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(approveReportAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <input type="hidden" name="version" value={version} />
      <FormAlert state={state} />
      <button type="submit" className="btn" disabled={pending} data-testid={`approve-${pcode}`}>
        {pending ? tc("working") : (label ?? t("approve"))}
      </button>
    </form>
  );
}

/** Approves every submitted report of the week in an area and below it. */
export function ApproveAllForm({ pcode, week, label }: { pcode: string; week: string; label: string }) {
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(approveAllAction, null);
  return (
    <form action={action} className="grid justify-items-start gap-2">
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <FormAlert state={state} />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid={`approve-all-${pcode}`}>
        {pending ? tc("working") : label}
      </button>
    </form>
  );
}
