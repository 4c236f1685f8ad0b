"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/action-state";

/** Where a form with progress posts, and where it goes once done (`{id}` is the result's id). */
export type ProgressTarget = { url: string; doneHref: string };
export type Progress = { phase: "check" | "write"; done: number; total: number };

/**
 * A form's submit with JavaScript, through a channel that answers as it goes (NDJSON, e.g.
 * lib/next/import-progress.ts): each progress line is shown, the last line is the form's state,
 * as its server action would answer. Without JavaScript the form posts to the action as before.
 */
export function useProgressSubmit<T extends { id: number }>(target: ProgressTarget | undefined) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<ActionState<T>>(null);
  const [running, setRunning] = useState(false);

  async function send(form: HTMLFormElement, to: ProgressTarget): Promise<ActionState<T>> {
    const fields = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    let res: Response;
    try {
      res = await fetch(to.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(fields) });
    } catch {
      return { ok: false, msg: { key: "figuresImport.page.connectionLost" } };
    }
    if (!res.ok || !res.body) {
      // Refused before the work began (the server edge: another origin, signed out): its JSON error.
      const body = (await res.json().catch(() => null)) as { error?: { key?: string } } | null;
      return { ok: false, msg: { key: body?.error?.key ?? "errors.unexpected" } };
    }
    let last: ActionState<T> | undefined;
    let buffer = "";
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
          const line = JSON.parse(buffer.slice(0, nl)) as { progress?: Progress; state?: ActionState<T> };
          buffer = buffer.slice(nl + 1);
          if (line.progress) setProgress(line.progress);
          if ("state" in line) last = line.state;
        }
      }
    } catch {
      // The connection dropped mid-answer: the import may still have been applied.
    }
    return last ?? { ok: false, msg: { key: "figuresImport.page.connectionLost" } };
  }

  const onSubmit = target
    ? async (e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        if (running) return;
        setRunning(true);
        setState(null);
        setProgress(null);
        const result = await send(e.currentTarget, target);
        if (result?.ok) {
          router.push(target.doneHref.replace("{id}", String(result.data.id)));
          router.refresh();
          return;
        }
        setState(result);
        setRunning(false);
      }
    : undefined;
  return { onSubmit, progress, state, running };
}
