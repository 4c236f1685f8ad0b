import { describe, expect, it } from "vitest";
import { memoMarkup } from "@/components/summary/markup-memo";

describe("memoMarkup", () => {
  it("draws once per figures object and key, and again for another reader or other figures", () => {
    let drawn = 0;
    const draw = (text: string) => () => `${text}#${++drawn}`;
    const figures = { week: "2020-W04" };
    expect(memoMarkup(figures, "en-latn|trend", draw("en"))).toBe("en#1");
    expect(memoMarkup(figures, "en-latn|trend", draw("en"))).toBe("en#1");
    // Another language or digits is another key: never the English drawing for an Arabic reader.
    expect(memoMarkup(figures, "ar-arab|trend", draw("ar"))).toBe("ar#2");
    // Equal but new figures (recomputed after a change) are drawn afresh.
    expect(memoMarkup({ week: "2020-W04" }, "en-latn|trend", draw("en"))).toBe("en#3");
    expect(drawn).toBe(3);
  });
});
