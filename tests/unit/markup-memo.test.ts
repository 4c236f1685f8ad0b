import { describe, expect, it } from "vitest";
import { memoKey, memoMarkup } from "@/components/summary/markup-memo";

type Inputs = { f: { memoKey: string }; sectors: { code: string }[] };

describe("memoMarkup", () => {
  let drawn = 0;
  const draw = (figures: { week: string }, { f, sectors }: Inputs) => `${figures.week} ${f.memoKey} ${sectors.map((s) => s.code).join(",")} #${++drawn}`;
  const other = (figures: { week: string }) => `other ${figures.week} #${++drawn}`;
  const en = { memoKey: "en-latn" };

  it("draws once per figures object, drawing and inputs; again for another reader, other inputs or other figures", () => {
    drawn = 0;
    const figures = { week: "2020-W04" };
    const sectors = [{ code: "shelter" }];
    expect(memoMarkup(figures, { f: en, sectors }, draw)).toBe("2020-W04 en-latn shelter #1");
    // Equal inputs (new objects with the same values) are the same key.
    expect(memoMarkup(figures, { f: { memoKey: "en-latn" }, sectors: [{ code: "shelter" }] }, draw)).toBe("2020-W04 en-latn shelter #1");
    // Another language or digits is another key: never the English drawing for an Arabic reader.
    expect(memoMarkup(figures, { f: { memoKey: "ar-arab" }, sectors }, draw)).toBe("2020-W04 ar-arab shelter #2");
    // Every input is part of the key, without anyone listing it: other sectors, another drawing.
    expect(memoMarkup(figures, { f: en, sectors: [{ code: "nfi" }] }, draw)).toBe("2020-W04 en-latn nfi #3");
    expect(memoMarkup(figures, { f: en, sectors }, other)).toBe("other 2020-W04 #4");
    // Equal but new figures (recomputed after a change) are drawn afresh.
    expect(memoMarkup({ week: "2020-W04" }, { f: en, sectors }, draw)).toBe("2020-W04 en-latn shelter #5");
    expect(drawn).toBe(5);
  });

  it("keys formatters by their memoKey alone, and refuses a function as an input", () => {
    const f = { memoKey: "en-latn", n: (v: number) => String(v) };
    expect(memoKey({ f, id: "dash" })).toBe('{"f":"en-latn","id":"dash"}');
    expect(() => memoKey({ list: [{ n: (() => "x") as unknown as string }] })).toThrow(/function/);
  });
});
