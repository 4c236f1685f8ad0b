"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { WeeklyReport } from "@/lib/reports/model";

/** Approves one submitted report; `version` is the one the admin is looking at. */
export function ApproveForm({
  pcode,
  week,
  version,
  label,
  action: approveAction,
}: {
  pcode: string;
  week: string;
  version: number;
  label?: string;
  action: FormAction<WeeklyReport>;
}) {
  const t = useTranslations("reports.approval");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(approveAction, null);
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
export function ApproveAllForm({ pcode, week, label, action: approveAllAction }: { pcode: string; week: string; label: string; action: FormAction<{ approved: WeeklyReport[] }> }) {
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
