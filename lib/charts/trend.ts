import { scaleBand, scaleLinear } from "d3-scale";
import { line, symbol, symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar } from "d3-shape";

/**
 * Geometry of a weekly chart (bars and/or lines over consecutive weeks), for server-rendered SVG.
 * Right-to-left: the x axis is mirrored, so time runs right to left in Arabic as the text does,
 * and the y axis sits on the start side (right). See docs/decisions/021-charts-mirror-in-arabic.md
 * ("Charts read in the reader's direction").
 */

/** One decimal is finer than a pixel: shorter markup, same drawing. */
const r1 = (v: number) => Math.round(v * 10) / 10;

export type Series = { key: string; values: (number | null)[] };
export type Point = { index: number; x: number; y: number; value: number };

export type TrendLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** x of the y axis line (start side) and the position of its labels. */
  yAxis: { x: number; labelX: number; ticks: { value: number; y: number }[] };
  xTicks: { index: number; x: number }[];
  bars: { index: number; x: number; y: number; width: number; height: number; value: number }[];
  lines: { key: string; d: string; points: Point[]; marker: string; strokeWidth: number }[];
  /**
   * The repeated parts as one path each (gridlines, tick marks, all bars, each line's markers, and
   * its hollow markers at the weeks marked `hollow`): far fewer elements to render.
   */
  paths: { grid: string; ticks: string; bars: string; markers: string[]; hollowMarkers: string[] };
};

/** A d3 path context that draws at an offset, so one path can hold a marker at every point. */
class OffsetPath {
  d = "";
  constructor(
    private dx: number,
    private dy: number,
  ) {}
  private p(x: number, y: number) {
    return `${r1(x + this.dx)},${r1(y + this.dy)}`;
  }
  moveTo(x: number, y: number) {
    this.d += `M${this.p(x, y)}`;
  }
  lineTo(x: number, y: number) {
    this.d += `L${this.p(x, y)}`;
  }
  closePath() {
    this.d += "Z";
  }
  rect(x: number, y: number, w: number, h: number) {
    this.d += `M${this.p(x, y)}h${r1(w)}v${r1(h)}h${r1(-w)}Z`;
  }
  /** Only full circles are drawn by the marker shapes used here. */
  arc(x: number, y: number, r: number) {
    const rr = r1(r);
    this.d += `M${this.p(x + r, y)}A${rr},${rr},0,1,1,${this.p(x - r, y)}A${rr},${rr},0,1,1,${this.p(x + r, y)}`;
  }
}

function markersAt(k: number, points: Point[]): string {
  return points
    .map((pt) => {
      const ctx = new OffsetPath(pt.x, pt.y);
      symbol(MARKERS[k % MARKERS.length]!, 48).context(ctx as unknown as CanvasRenderingContext2D)();
      return ctx.d;
    })
    .join("");
}

/** One marker shape per line, so series differ by more than colour. */
const MARKERS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar];

/** Line k's marker centred on 0,0, for a legend. */
export function markerPath(k: number, size = 48): string {
  return symbol(MARKERS[k % MARKERS.length]!, size).digits(1)() ?? "";
}

/** Earlier lines are drawn wider, so a line that runs along another still shows beside it. */
export function lineWidth(k: number, lines: number): number {
  return lines < 2 ? 2 : Math.max(1.5, 1.5 + 1.25 * (lines - 1 - k));
}

export function layoutTrend(opts: {
  count: number;
  bars?: Series;
  lines: Series[];
  rtl: boolean;
  width?: number;
  height?: number;
  /** A fixed top of the y scale (100 for percentages); otherwise the data's maximum, made nice. */
  yMax?: number;
  /** At most this many labelled weeks on the time axis (6 by default; fewer on a phone). */
  maxTicks?: number;
  /** Weeks whose markers are drawn hollow (weeks with incomplete figures). */
  hollow?: boolean[];
}): TrendLayout {
  const width = opts.width ?? 640;
  const height = opts.height ?? 240;
  const startMargin = 56;
  const endMargin = 16;
  const plot = {
    left: opts.rtl ? endMargin : startMargin,
    right: width - (opts.rtl ? startMargin : endMargin),
    top: 12,
    bottom: height - 28,
  };
  const indices = Array.from({ length: opts.count }, (_, i) => i);
  const x = scaleBand<number>()
    .domain(indices)
    .range(opts.rtl ? [plot.right, plot.left] : [plot.left, plot.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const all = [...(opts.bars?.values ?? []), ...opts.lines.flatMap((s) => s.values)].filter((v): v is number => v !== null);
  // Counts are whole families: a floor of 5 keeps the ticks on whole numbers when there is little or no data.
  const max = opts.yMax ?? Math.max(5, ...all);
  const y = scaleLinear().domain([0, max]).nice(5).range([plot.bottom, plot.top]);
  const center = (i: number) => r1((x(i) ?? 0) + x.bandwidth() / 2);
  const yAt = (v: number) => r1(y(v));

  const axisX = opts.rtl ? plot.right : plot.left;
  const step = Math.max(1, Math.ceil(opts.count / (opts.maxTicks ?? 6)));
  const xTicks = indices.filter((i) => (opts.count - 1 - i) % step === 0).map((i) => ({ index: i, x: center(i) }));

  const bars = (opts.bars?.values ?? []).flatMap((v, i) =>
    v === null ? [] : [{ index: i, x: r1(x(i) ?? 0), y: yAt(v), width: r1(x.bandwidth()), height: r1(Math.max(0, plot.bottom - y(v))), value: v }],
  );
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => center(i))
    .y((v) => yAt(v ?? 0))
    .digits(1);
  const lines = opts.lines.map((s, k) => ({
    key: s.key,
    d: path(s.values) ?? "",
    points: s.values.flatMap((v, i) => (v === null ? [] : [{ index: i, x: center(i), y: yAt(v), value: v }])),
    marker: markerPath(k),
    strokeWidth: lineWidth(k, opts.lines.length),
  }));
  const hollow = (i: number) => opts.hollow?.[i] === true;
  const yTicks = y.ticks(5).map((value) => ({ value, y: yAt(value) }));
  return {
    width,
    height,
    plot,
    yAxis: { x: axisX, labelX: opts.rtl ? axisX + 6 : axisX - 6, ticks: yTicks },
    xTicks,
    bars,
    lines,
    paths: {
      grid: yTicks.map((tk) => `M${plot.left},${tk.y}H${plot.right}`).join(""),
      ticks: xTicks.map((tk) => `M${tk.x},${plot.bottom}v4`).join(""),
      bars: bars.map((b) => `M${b.x},${b.y}h${b.width}v${b.height}h${-b.width}Z`).join(""),
      markers: lines.map((l, k) => markersAt(k, l.points.filter((p) => !hollow(p.index)))),
      hollowMarkers: lines.map((l, k) => markersAt(k, l.points.filter((p) => hollow(p.index)))),
    },
  };
}

/**
 * Horizontal bars (0–100%), one per row, growing from the start side: labels before the bars,
 * values after their ends. Text positions assume the SVG's `direction` is the page's, so that
 * text-anchor "end"/"start" mean the same logical sides in both languages.
 */
export function layoutPercentBars(opts: { rows: (number | null)[]; rtl: boolean; width?: number; rowHeight?: number; labelWidth?: number; valueWidth?: number }) {
  const width = opts.width ?? 560;
  const rowHeight = opts.rowHeight ?? 30;
  const labelWidth = opts.labelWidth ?? 170;
  const valueWidth = opts.valueWidth ?? 60;
  const top = 4;
  const x = scaleLinear()
    .domain([0, 100])
    .range(opts.rtl ? [width - labelWidth, valueWidth] : [labelWidth, width - valueWidth]);
  const origin = x(0);
  const towardsEnd = opts.rtl ? -1 : 1;
  return {
    width,
    height: top + rowHeight * opts.rows.length + 16,
    origin,
    axisY: top + rowHeight * opts.rows.length,
    grid: [0, 20, 40, 60, 80, 100].map((v) => ({ value: v, x: x(v) })),
    rows: opts.rows.map((v, i) => {
      const end = x(v ?? 0);
      const y = top + i * rowHeight;
      return {
        index: i,
        value: v,
        bar: { x: Math.min(origin, end), width: Math.abs(end - origin), y: y + 6, height: rowHeight - 12 },
        labelX: origin - 8 * towardsEnd,
        valueX: end + 6 * towardsEnd,
        textY: y + rowHeight / 2 + 4,
      };
    }),
  };
}
