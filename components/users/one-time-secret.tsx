import type { ReactNode } from "react";
import { CopyButton } from "@/components/copy-button";

/** A password or token the server will never show again: monospace, left-to-right, easy to select whole, with a Copy button. */
export function OneTimeSecret({ label, value, testId, children }: { label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <div className="alert-ok mt-3 grid gap-2" role="status">
      <p className="font-medium">{label}</p>
      <code
        data-testid={testId}
        dir="ltr"
        className="block select-all break-all rounded border border-green-300 bg-white px-2 py-1.5 font-mono text-base text-slate-900"
      >
        {value}
      </code>
      <CopyButton value={value} testId={`${testId}-copy`} />
      {children}
    </div>
  );
}
