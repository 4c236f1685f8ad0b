"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert } from "@/components/form-kit";
import type { FormAction } from "@/lib/action-state";
import type { ReportComment } from "@/lib/reports/comments";
import { COMMENT_MAX } from "@/lib/validation/follow-up";

/** A plain form (it posts without JavaScript too); the server checks the length again. */
export function CommentForm({ pcode, week, action: addAction }: { pcode: string; week: string; action: FormAction<ReportComment> }) {
  const t = useTranslations("followUp.comments");
  const tc = useTranslations("common");
  const [state, action, pending] = useActionState(addAction, null);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  // After a refusal the typed text comes back; after a success the box is empty again.
  const typed = state && !state.ok ? String(state.values?.body ?? "") : "";
  return (
    <form action={action} className="grid max-w-xl gap-2" data-testid="comment-form" key={state?.ok ? `done-${state.data.id}` : "form"}>
      <FormAlert state={state} />
      <input type="hidden" name="pcode" value={pcode} />
      <input type="hidden" name="week" value={week} />
      <Field label={t("label")} name="comment-body" error={error ? JSON.stringify(error) : undefined} hint={t("hint", { max: COMMENT_MAX })}>
        <textarea
          id="comment-body"
          name="body"
          rows={3}
          maxLength={COMMENT_MAX}
          required
          dir="auto"
          className="input"
          defaultValue={typed}
          aria-invalid={!!error}
          aria-describedby="comment-body-error"
          data-testid="comment-body"
        />
      </Field>
      <div>
        <button type="submit" className="btn-secondary" disabled={pending} data-testid="comment-submit">
          {pending ? tc("working") : t("submit")}
        </button>
      </div>
    </form>
  );
}
