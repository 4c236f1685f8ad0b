import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ONLY_NAMESPACES } from "@/lib/i18n/messages";
import { ROOT } from "../factories";

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("namespaces kept off the client", () => {
  it("no client component reads a namespace the browser is not sent", () => {
    const offenders: string[] = [];
    for (const f of [...files(path.join(ROOT, "components")), ...files(path.join(ROOT, "app"))]) {
      const text = fs.readFileSync(f, "utf8");
      if (!/^["']use client["']/m.test(text)) continue;
      for (const ns of SERVER_ONLY_NAMESPACES)
        if (new RegExp(`useTranslations\\(["']${ns}[."']`).test(text) || new RegExp(`["']${ns}\\.[A-Za-z]`).test(text))
          offenders.push(`${path.relative(ROOT, f)} uses "${ns}"`);
    }
    expect(offenders).toEqual([]);
  });
});
