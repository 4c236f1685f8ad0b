"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useTransition, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { Msg } from "@/lib/errors";
import { issueToMsg } from "@/lib/validation/zod-messages";
import { isolateValues } from "@/lib/i18n/bidi";

/** RHF stores messages as strings: ours are a catalogue key, or a JSON Msg when values are needed. */
export function decodeMsg(message: string | undefined): Msg | undefined {
  if (!message) return undefined;
  if (message.startsWith("{")) {
    try {
      return JSON.parse(message) as Msg;
    } catch {
      return { key: "validation.invalid" };
    }
  }
  return { key: message.startsWith("validation.") || message.includes(".") ? message : "validation.invalid" };
}

export function useMsg() {
  const t = useTranslations();
  // Names, e-mails, P-codes and weeks from lib/ keep their own direction inside the sentence.
  return (m: Msg | undefined) => (m ? t(m.key, isolateValues(m.values)) : "");
}

const clientErrorMap = { error: (iss: unknown) => JSON.stringify(issueToMsg(iss as Parameters<typeof issueToMsg>[0])) };

/**
 * A form validated in the browser by the same zod schema the server action re-checks.
 * Without JavaScript the form still posts to the action (progressive enhancement).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues: DefaultValues<z.input<S>>,
  state: ActionState<unknown>,
): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    // @hookform/resolvers' overloads cannot infer through a generic schema; the types above are what it returns.
    resolver: zodResolver(schema as never, clientErrorMap) as never,
    defaultValues,
    mode: "onTouched",
  });
  const { setError } = form;
  useEffect(() => {
    if (state && !state.ok && state.fieldErrors) {
      for (const [field, msg] of Object.entries(state.fieldErrors))
        setError(field as Path<z.input<S>>, { type: "server", message: JSON.stringify(msg) });
    }
  }, [state, setError]);
  return form;
}

/** Submit handler: validate with RHF first, then hand the real FormData to the server action. */
export function useSubmit<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, action: (fd: FormData) => void) {
  const [pending, startTransition] = useTransition();
  const ref = useRef<HTMLFormElement>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    void form.handleSubmit(() => {
      startTransition(() => action(new FormData(el)));
    })(e);
  };
  return { ref, onSubmit, pending };
}

export function FieldError({ id, message }: { id: string; message?: string | Msg }) {
  const render = useMsg();
  const msg = typeof message === "string" ? decodeMsg(message) : message;
  if (!msg) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {render(msg)}
    </p>
  );
}

export function FormAlert({ state }: { state: ActionState<unknown> }) {
  const render = useMsg();
  if (!state || (state.ok && !state.msg)) return null;
  const msg = state.ok ? state.msg : state.msg;
  return (
    <div className={state.ok ? "alert-ok" : "alert-error"} role={state.ok ? "status" : "alert"}>
      {render(msg)}
    </div>
  );
}

export function Field({
  label,
  name,
  error,
  children,
  hint,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mb-3">
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}

/** A labelled text input registered with the form, with its error wired for screen readers. */
export function TextInput<T extends FieldValues>({
  form,
  name,
  id,
  label,
  hint,
  ...input
}: {
  form: UseFormReturn<T, unknown, FieldValues>;
  name: Path<T>;
  id?: string;
  label: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "form">) {
  const inputId = id ?? name;
  const error = (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  return (
    <Field label={label} name={inputId} error={error} hint={hint}>
      <input id={inputId} className="input" aria-invalid={!!error} aria-describedby={`${inputId}-error`} {...input} {...form.register(name)} />
    </Field>
  );
}
