import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, figureRules, reportSectorGaps, sectors, weeklyReports } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { applyFigureRules, recomputeRollups } from "@/lib/figures/maintain";
import { queryGapRows, type GapQuery } from "@/lib/figures/gap-ranking";
import { getAreaWeekSummary, listChildWeekSummaries } from "@/lib/figures/read";
import { freshDb, makeUser } from "../factories";

/*
 * Random area trees and random reports (some areas reporting directly, some not, drafts mixed
 * in), checked against a brute-force reference written here from docs/design.md's words, not from
 * lib/figures: both the incremental path (recompute on each write) and the full rebuild, and the
 * gap report over a range of weeks (sums over the weeks, gap weighted over every area-week).
 */

type Node = { key: number; parent: number | null };
type Gap = { sector: string; pct: number; inNeed: number | null };
type Report = { node: number; week: string; status: "draft" | "submitted" | "approved"; newly: number; repeatShare: number; total: number; individuals: number | null; gaps: Gap[] };

const WEEKS = ["2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05"];
/** Reports fall in the first weeks; the last ones show how long a total is carried forward. */
const REPORT_WEEKS = WEEKS.slice(0, 3);
const SECTORS = ["food_security", "nfi", "shelter"];

const treeArb = fc
  .array(fc.nat(), { minLength: 1, maxLength: 14 })
  .map((seeds): Node[] => {
    const nodes: Node[] = [{ key: 0, parent: null }];
    const depth = new Map([[0, 1]]);
    seeds.forEach((s, i) => {
      const candidates = nodes.filter((n) => depth.get(n.key)! < 4);
      const parent = candidates[s % candidates.length]!.key;
      nodes.push({ key: i + 1, parent });
      depth.set(i + 1, depth.get(parent)! + 1);
    });
    return nodes;
  });

const gapArb = fc.record({
  sector: fc.constantFrom(...SECTORS),
  pct: fc.integer({ min: 0, max: 1000 }).map((t) => t / 10),
  inNeed: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
});

const reportArb = (size: number) =>
  fc.record({
    node: fc.nat({ max: size - 1 }),
    week: fc.constantFrom(...REPORT_WEEKS),
    status: fc.constantFrom("draft" as const, "submitted" as const, "approved" as const),
    newly: fc.integer({ min: 0, max: 9000 }),
    repeatShare: fc.double({ min: 0, max: 1, noNaN: true }),
    total: fc.integer({ min: 0, max: 20000 }),
    individuals: fc.option(fc.integer({ min: 0, max: 50000 }), { nil: null }),
    gaps: fc.uniqueArray(gapArb, { selector: (g) => g.sector, maxLength: 3 }),
  });

const scenarioArb = treeArb.chain((tree) =>
  fc.tuple(
    fc.constant(tree),
    fc.uniqueArray(reportArb(tree.length), { selector: (r) => `${r.node}/${r.week}`, maxLength: 20 }),
    // How many weeks a total is carried forward (the RASD_CARRY_FORWARD_WEEKS setting).
    fc.integer({ min: 0, max: 3 }),
  ),
);

/**
 * The stock reference, from the words of docs/decisions/036: an area's total displaced is its own
 * report's; else the sum of its children's (fresh or carried); else its own latest report of the
 * `carry` weeks before, carried forward.
 */
function stockReference(tree: Node[], reports: Report[], node: number, week: string, carry: number): { total: number; carried: number; areas: number; since: string | null } | null {
  const counted = (n: number, w: string) => reports.find((r) => r.node === n && r.week === w && r.status !== "draft");
  const own = counted(node, week);
  if (own) return { total: own.total, carried: 0, areas: 0, since: null };
  const kids = tree.filter((c) => c.parent === node).flatMap((c) => stockReference(tree, reports, c.key, week, carry) ?? []);
  if (kids.length) {
    const sinces = kids.flatMap((k) => (k.since ? [k.since] : [])).sort();
    return { total: kids.reduce((a, k) => a + k.total, 0), carried: kids.reduce((a, k) => a + k.carried, 0), areas: kids.reduce((a, k) => a + k.areas, 0), since: sinces[0] ?? null };
  }
  const i = WEEKS.indexOf(week);
  for (let k = 1; k <= carry && i - k >= 0; k++) {
    const earlier = counted(node, WEEKS[i - k]!);
    if (earlier) return { total: earlier.total, carried: earlier.total, areas: 1, since: WEEKS[i - k]! };
  }
  return null;
}

/** The reference: straight from the rule, recursive, no stored sums. */
function reference(tree: Node[], reports: Report[], node: number, week: string) {
  const direct = reports.find((r) => r.node === node && r.week === week && r.status !== "draft");
  // The reports an area's figure is made of: its own, or (recursively) its children's.
  const used = (n: number): Report[] => {
    const own = reports.find((r) => r.node === n && r.week === week && r.status !== "draft");
    if (own) return [own];
    return tree.filter((c) => c.parent === n).flatMap((c) => used(c.key));
  };
  const parts = used(node);
  if (!parts.length) return null;
  const repeatOf = (r: Report) => Math.floor(r.newly * r.repeatShare);
  const sectorsOut: Record<string, { gapPct: number | null; need: number; unmet: number; present: boolean; weightedTenths: number }> = {};
  for (const code of SECTORS) {
    // Gaps are recorded with one decimal, so the rule is computed in exact tenths: 10.7% of 1,500
    // families is 160.5 unmet, which rounds to 161 (floating point would say 160.4999…).
    let weightedTenths = 0;
    let need = 0;
    let unmet = 0;
    let present = false;
    for (const r of parts) {
      const g = r.gaps.find((x) => x.sector === code);
      if (!g) continue;
      present = true;
      const n = g.inNeed && g.inNeed > 0 ? g.inNeed : r.newly > 0 ? r.newly : r.total > 0 ? r.total : 0;
      const tenths = Math.round(g.pct * 10);
      weightedTenths += tenths * n;
      need += n;
      unmet += Math.round((tenths * n) / 1000);
    }
    sectorsOut[code] = { gapPct: need ? Math.round(weightedTenths / need) / 10 : null, need, unmet, present, weightedTenths };
  }
  const withInd = parts.filter((r) => r.individuals !== null);
  return {
    basis: direct ? "direct" : "children",
    newly: parts.reduce((s, r) => s + r.newly, 0),
    repeat: parts.reduce((s, r) => s + repeatOf(r), 0),
    total: parts.reduce((s, r) => s + r.total, 0),
    individuals: withInd.length ? withInd.reduce((s, r) => s + r.individuals!, 0) : null,
    sectors: sectorsOut,
  };
}

/**
 * The gap report over both weeks, from the reference: per area of a level, the sums over the
 * weeks in which it has a figure for the sector; the gap weighted over every area-week.
 */
function rangeReference(tree: Node[], reports: Report[], node: number, sector: string) {
  let weightedTenths = 0;
  let need = 0;
  let unmet = 0;
  let newly = 0;
  let weeks = 0;
  let direct = 0;
  for (const week of WEEKS) {
    const r = reference(tree, reports, node, week);
    const s = r?.sectors[sector];
    if (!r || !s?.present) continue;
    weeks++;
    newly += r.newly;
    weightedTenths += s.weightedTenths;
    need += s.need;
    unmet += s.unmet;
    if (r.basis === "direct") direct++;
  }
  return weeks ? { gapPct: need ? Math.round(weightedTenths / need) / 10 : null, need, unmet, newly, weeks, direct } : null;
}

const levelOf = (tree: Node[], key: number): number => {
  const n = tree.find((x) => x.key === key)!;
  return n.parent === null ? 1 : levelOf(tree, n.parent) + 1;
};

describe("rollups against a brute-force reference", () => {
  let db: Db;
  let viewer: Actor;
  let sectorIds: Map<string, number>;
  let run = 0;

  beforeAll(async () => {
    db = freshDb();
    viewer = await makeUser(db, "viewer");
    sectorIds = new Map(db.select({ id: sectors.id, code: sectors.code }).from(sectors).all().map((s) => [s.code, s.id]));
  });
  afterAll(() => db.$client.close());

  const setCarry = (n: number) => db.update(figureRules).set({ carryForwardWeeks: n }).run();

  /** Writes the scenario's tree as real areas and its reports as real rows; returns node → P-code. */
  function load(tree: Node[], reports: Report[], incremental: boolean): Map<number, string> {
    run += 1;
    const codes = new Map<number, string>();
    const ids = new Map<number, number>();
    db.transaction((tx) => {
      for (const n of tree) {
        const pcode = `ZZ${run}X${n.key}`;
        const parentId = n.parent === null ? null : ids.get(n.parent)!;
        const parentPath = n.parent === null ? "/" : tx.select({ path: areas.path }).from(areas).where(eq(areas.id, parentId!)).get()!.path;
        const level = parentPath.split("/").filter(Boolean).length + 1;
        const row = tx.insert(areas).values({ pcode, nameEn: pcode, nameAr: pcode, level, parentId, path: "/" }).returning({ id: areas.id }).get();
        tx.update(areas).set({ path: `${parentPath}${row.id}/` }).where(eq(areas.id, row.id)).run();
        ids.set(n.key, row.id);
        codes.set(n.key, pcode);
      }
      for (const r of reports) {
        const rep = tx
          .insert(weeklyReports)
          .values({
            areaId: ids.get(r.node)!,
            week: r.week,
            newlyDisplacedFamilies: r.newly,
            repeatDisplacedFamilies: Math.floor(r.newly * r.repeatShare),
            totalDisplacedFamilies: r.total,
            individuals: r.individuals,
            status: r.status,
          })
          .returning({ id: weeklyReports.id })
          .get();
        if (r.gaps.length)
          tx.insert(reportSectorGaps)
            .values(r.gaps.map((g) => ({ reportId: rep.id, sectorId: sectorIds.get(g.sector)!, gapTenths: Math.round(g.pct * 10), familiesInNeed: g.inNeed })))
            .run();
        if (incremental) recomputeRollups(tx, ids.get(r.node)!, r.week);
      }
    });
    return codes;
  }

  function check(tree: Node[], reports: Report[], codes: Map<number, string>, carry: number) {
    for (const week of WEEKS)
      for (const n of tree) {
        const want = reference(tree, reports, n.key, week);
        const got = getAreaWeekSummary(db, viewer, codes.get(n.key)!, week);
        const stock = stockReference(tree, reports, n.key, week, carry);
        expect(got.totalDisplacedFamilies).toBe(stock?.total ?? null);
        expect(got.carried).toEqual(stock && stock.carried > 0 ? { families: stock.carried, areas: stock.areas, since: stock.since } : null);
        if (!want) {
          expect(got.basis).toBe("none");
          expect(got.newlyDisplacedFamilies).toBe(null);
          expect(got.sectors.every((s) => s.familiesInNeed === null && s.unmetFamilies === null)).toBe(true);
          continue;
        }
        expect(got.basis).toBe(want.basis);
        expect(got.newlyDisplacedFamilies).toBe(want.newly);
        expect(got.repeatDisplacedFamilies).toBe(want.repeat);
        // Without carried parts the stock is exactly the reported totals' rollup.
        if (!stock?.carried) expect(got.totalDisplacedFamilies).toBe(want.total);
        expect(got.individuals).toBe(want.individuals);
        for (const s of got.sectors) {
          const w = want.sectors[s.code]!;
          expect(s.gapPct).toBe(w.gapPct);
          // A sector no contributing report gave has no figure, not zero.
          expect(s.familiesInNeed).toBe(w.present ? w.need : null);
          expect(s.unmetFamilies).toBe(w.present ? w.unmet : null);
        }
        // The children table agrees with each child's own page.
        const kids = listChildWeekSummaries(db, viewer, codes.get(n.key)!, week);
        expect(kids.filter((k) => k.basis !== "none").length).toBe(got.basis === "none" ? 0 : got.childrenCount);
      }
    checkGapReport(tree, reports, codes);
  }

  /** The gap report over the two weeks, every level below the root, every sector, with and without a severity filter. */
  function checkGapReport(tree: Node[], reports: Report[], codes: Map<number, string>) {
    for (const level of [2, 3, 4])
      for (const sector of SECTORS) {
        const want = tree
          .filter((n) => levelOf(tree, n.key) === level)
          .flatMap((n) => {
            const r = rangeReference(tree, reports, n.key, sector);
            return r ? [{ pcode: codes.get(n.key)!, ...r }] : [];
          })
          .sort((a, b) => b.unmet - a.unmet || (a.pcode < b.pcode ? -1 : 1));
        const q: GapQuery = { from: WEEKS[0]!, to: WEEKS.at(-1)!, level, parent: codes.get(0)!, sector, critical: 50, high: 25, show: "all", sort: "unmet", dir: "desc" };
        const got = queryGapRows(db, viewer, q, { offset: 0, limit: 1000 }).rows;
        expect(got.map((g) => ({ pcode: g.area.pcode, gapPct: g.gapPct, need: g.familiesInNeed, unmet: g.unmetFamilies, newly: g.newlyDisplacedFamilies, weeks: g.weeksWithData, direct: g.directWeeks }))).toEqual(want);
        const critical = queryGapRows(db, viewer, { ...q, show: "critical" }, { offset: 0, limit: 1000 }).rows;
        expect(critical.map((g) => g.area.pcode)).toEqual(want.filter((w) => w.gapPct !== null && w.gapPct >= 50).map((w) => w.pcode));
      }
  }

  it("maintained on write: every area, every week, every sector", () => {
    fc.assert(
      fc.property(scenarioArb, ([tree, reports, carry]) => {
        setCarry(carry);
        check(tree, reports, load(tree, reports, true), carry);
      }),
      { numRuns: 60 },
    );
  });

  it("rebuilt from scratch: the same figures", () => {
    fc.assert(
      fc.property(scenarioArb, ([tree, reports, carry]) => {
        const codes = load(tree, reports, false);
        // Through the start-up path: a changed setting rebuilds every stored figure.
        setCarry((carry + 1) % 4);
        applyFigureRules(db, { carryForwardWeeks: carry });
        check(tree, reports, codes, carry);
      }),
      { numRuns: 25 },
    );
  });

  it("DESIGN's worked example: 90% of 100 and 50% of 300 is 60%, 240 unmet (not the plain mean 70%)", () => {
    const tree: Node[] = [{ key: 0, parent: null }, { key: 1, parent: 0 }, { key: 2, parent: 0 }];
    const base = { week: WEEKS[0]!, status: "approved" as const, repeatShare: 0, total: 0, individuals: null };
    const reports: Report[] = [
      { ...base, node: 1, newly: 100, gaps: [{ sector: "food_security", pct: 90, inNeed: null }] },
      { ...base, node: 2, newly: 300, gaps: [{ sector: "food_security", pct: 50, inNeed: null }] },
    ];
    const codes = load(tree, reports, true);
    const got = getAreaWeekSummary(db, viewer, codes.get(0)!, WEEKS[0]!);
    const food = got.sectors.find((s) => s.code === "food_security")!;
    expect(got.basis).toBe("children");
    expect(got.childrenCount).toBe(2);
    expect(food.gapPct).toBe(60);
    expect(food.unmetFamilies).toBe(240);
    expect(food.familiesInNeed).toBe(400);
  });

  it("a half family rounds up exactly: 10.7% of 1,500 families in need is 161 unmet", () => {
    const tree: Node[] = [{ key: 0, parent: null }];
    const reports: Report[] = [
      { node: 0, week: WEEKS[0]!, status: "approved", newly: 0, repeatShare: 0, total: 0, individuals: null, gaps: [{ sector: "food_security", pct: 10.7, inNeed: 1500 }] },
    ];
    const codes = load(tree, reports, true);
    const food = getAreaWeekSummary(db, viewer, codes.get(0)!, WEEKS[0]!).sectors.find((s) => s.code === "food_security")!;
    expect(food.gapPct).toBe(10.7);
    expect(food.unmetFamilies).toBe(161);
  });
});
