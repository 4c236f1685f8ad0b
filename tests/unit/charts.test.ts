import { describe, expect, it } from "vitest";
import { countScale, gapScale, MAP_HEIGHT, MAP_WIDTH, mapShapes } from "@/lib/charts/geo";
import { layoutPercentBars, layoutTrend } from "@/lib/charts/trend";
import { severityOf } from "@/lib/figures/severity";
import { attrs, escapeHtml, htmlString } from "@/lib/safe-html";

describe("trend layout", () => {
  const series = { key: "x", values: [10, null, 30, 40] };
  it("runs time left to right in English and right to left in Arabic, with the value axis on the start side", () => {
    const ltr = layoutTrend({ count: 4, lines: [series], rtl: false });
    const rtl = layoutTrend({ count: 4, lines: [series], rtl: true });
    const xs = (l: typeof ltr) => l.lines[0]!.points.map((p) => p.x);
    expect(xs(ltr)).toEqual([...xs(ltr)].sort((a, b) => a - b));
    expect(xs(rtl)).toEqual([...xs(rtl)].sort((a, b) => b - a));
    expect(ltr.yAxis.x).toBe(ltr.plot.left);
    expect(rtl.yAxis.x).toBe(rtl.plot.right);
    // Mirror images of each other.
    xs(rtl).forEach((x, i) => expect(ltr.width - x).toBeCloseTo(xs(ltr)[i]!, 6));
  });

  it("leaves weeks without figures out of lines (a gap, not a zero) and labels the latest week", () => {
    const l = layoutTrend({ count: 4, lines: [series], rtl: false, yMax: 100 });
    expect(l.lines[0]!.points.map((p) => p.index)).toEqual([0, 2, 3]);
    expect(l.lines[0]!.d.match(/M/g)).toHaveLength(2);
    expect(l.yAxis.ticks.at(-1)!.value).toBe(100);
    expect(l.xTicks.at(-1)!.index).toBe(3);
  });

  it("draws the markers of incomplete weeks apart (hollow), and earlier lines wider so a line running along another still shows", () => {
    const l = layoutTrend({ count: 4, lines: [series, series], rtl: false, hollow: [false, false, false, true] });
    // One marker is a closed shape per point: three full weeks (one has no value), one hollow.
    expect(l.paths.markers[0]!.match(/M/g)!.length).toBeGreaterThan(l.paths.hollowMarkers[0]!.match(/M/g)!.length);
    expect(l.paths.hollowMarkers[0]).not.toBe("");
    expect(layoutTrend({ count: 4, lines: [series], rtl: false }).paths.hollowMarkers[0]).toBe("");
    expect(l.lines[0]!.strokeWidth).toBeGreaterThan(l.lines[1]!.strokeWidth);
    expect(layoutTrend({ count: 4, lines: [series], rtl: false }).lines[0]!.strokeWidth).toBe(2);
  });

  it("labels fewer weeks on a phone's drawing", () => {
    expect(layoutTrend({ count: 12, lines: [series], rtl: false, maxTicks: 3 }).xTicks.length).toBeLessThan(layoutTrend({ count: 12, lines: [series], rtl: false }).xTicks.length);
  });

  it("percent bars grow from the start side", () => {
    const ltr = layoutPercentBars({ rows: [50], rtl: false });
    const rtl = layoutPercentBars({ rows: [50], rtl: true });
    expect(ltr.rows[0]!.bar.x).toBe(ltr.origin);
    expect(rtl.rows[0]!.bar.x + rtl.rows[0]!.bar.width).toBe(rtl.origin);
  });
});

describe("map", () => {
  it("projects the 14 governorates and 61 districts inside the drawing, every shape a path", () => {
    for (const [level, n] of [
      [1, 14],
      [2, 61],
    ] as const) {
      const shapes = mapShapes(level);
      expect(shapes).toHaveLength(n);
      for (const s of shapes) {
        expect(s.d).toMatch(/^M[\d.]+,[\d.]+L/);
        expect(s.cx).toBeGreaterThan(0);
        expect(s.cx).toBeLessThan(MAP_WIDTH);
        expect(s.cy).toBeGreaterThan(0);
        expect(s.cy).toBeLessThan(MAP_HEIGHT);
      }
    }
    expect(mapShapes(1).map((s) => s.pcode)).toContain("SY02");
  });

  it("colours gaps in five classes of 20 points and counts in round classes, the largest darkest", () => {
    const g = gapScale();
    expect(g.breaks).toEqual([20, 40, 60, 80]);
    expect(g.colourOf(91)).toBe(g.colours.at(-1));
    expect(g.colourOf(0)).toBe(g.colours[0]);
    const c = countScale([6077, 850, 400]);
    expect(c.breaks).toEqual([2000, 4000, 6000]);
    expect(c.colourOf(6077)).toBe(c.colours.at(-1));
    expect(c.colours).toHaveLength(c.breaks.length + 1);
  });
});

describe("severity", () => {
  it("grades a gap against the thresholds, and says when there is nothing to grade", () => {
    const t = { critical: 80, high: 50 };
    expect([91, 80, 79.9, 50, 12, null].map((g) => severityOf(g, t))).toEqual(["critical", "critical", "high", "high", "moderate", "none"]);
  });
});

describe("SVG markup strings", () => {
  it("escapes every text and attribute value (names are typed by people)", () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
    expect(htmlString(attrs({ href: '/en/areas/SY02"><script>', "data-pcode": "SY02", skip: null }))).toBe(' href="/en/areas/SY02&quot;&gt;&lt;script&gt;" data-pcode="SY02"');
  });
});
