import { loadActor } from "@/lib/auth/actor";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { approveReport } from "@/lib/reports/approval";
import { saveWeeklyReport } from "@/lib/reports/save";
import { insertUser } from "@/lib/users";
import type { Db } from "@/db/client";

export type DemoCredentials = { email: string; role: string; password: string }[];

const DEMO = { label: "system:demo" };
const SOURCE_RCS = "Response Coordinators Syria statement (منسقو استجابة سوريا)";

/**
 * The week of the field report (docs/field-report-2020-01.txt, January 2020) for western and southern
 * Aleppo countryside, recorded against Jebel Saman district, as it is to read back.
 */
const FIELD_REPORT = {
  pcode: "SY0200",
  week: "2020-W04",
  newly: 6077,
  repeat: 6077,
  total: 11000,
  gaps: { food_security: 91, nfi: 83, shelter: 93 },
  notes: "نزوح 6077 عائلة (ذات نزوح متكرر)، 11 ألف عائلة نازحة كلياً؛ عجز الاستجابة للنازحين حديثاً: الأمن الغذائي 91%، المواد غير الغذائية 83%، المأوى 93%.",
};

/** Other demo areas; gaps start from the Response Coordinators' camp figures (100 − response rate). */
const OTHER_AREAS = [
  { pcode: "SY020400", base: 850, gaps: { food_security: 62, nfi: 59, shelter: 73 } }, // A'zaz
  { pcode: "SY070301", base: 2400, gaps: { food_security: 68, nfi: 66, shelter: 61 } }, // Dana
  { pcode: "SY070302", base: 1100, gaps: { food_security: 65, nfi: 62, shelter: 60 } }, // Salqin
  { pcode: "SY070000", base: 700, gaps: { food_security: 57, nfi: 59, shelter: 57 } }, // Idleb centre
];
const WEEKS = ["2020-W01", "2020-W02", "2020-W03", "2020-W04", "2020-W05", "2020-W06"];

export async function seedDemo(db: Db, log: (line: string) => void): Promise<DemoCredentials> {
  const creds: DemoCredentials = [];
  // The banner on every page (lib/demo-accounts.ts) recognises these accounts by their e-mails.
  const people = DEMO_ACCOUNTS.map((a) => ({ ...a, areas: [...a.areas] }));
  const ids = { admin: 0, coordinator: 0 };
  for (const p of people) {
    const { id, password } = await insertUser(db, DEMO, p);
    if (p.role === "admin" || p.role === "coordinator") ids[p.role] = id;
    creds.push({ email: p.email, role: p.role, password });
  }

  type Row = { pcode: string; week: string; newly: number; repeat: number; total: number; individuals: number | null; gaps: Record<string, number>; notes: string };
  const rows: Row[] = [];
  WEEKS.forEach((week, i) => {
    const wave = [0.4, 0.7, 1.3, 1.0, 0.8, 0.6][i]!;
    if (week === FIELD_REPORT.week) rows.push({ ...FIELD_REPORT, individuals: null });
    else {
      const newly = Math.round(FIELD_REPORT.newly * wave * 0.8);
      rows.push({
        pcode: FIELD_REPORT.pcode,
        week,
        newly,
        repeat: Math.round(newly * 0.9),
        total: 11000 + (i - 3) * 1500,
        individuals: null,
        gaps: { food_security: 85 + i, nfi: 80 + i / 2, shelter: 88 + i },
        notes: "",
      });
    }
    for (const a of OTHER_AREAS) {
      const newly = Math.round(a.base * wave);
      rows.push({
        pcode: a.pcode,
        week,
        newly,
        repeat: Math.round(newly * 0.6),
        total: a.base * 6 + newly * (i + 1),
        individuals: newly * 5,
        gaps: Object.fromEntries(Object.entries(a.gaps).map(([k, g]) => [k, Math.min(100, g + i * 1.5)])),
        notes: "",
      });
    }
  });

  // One path for data: the demo figures go through the same save and approval as the screens and the API,
  // so they carry revisions, audit rows and rollups like any other. The coordinator enters Aleppo's;
  // the admin enters Idleb's (outside the demo coordinator's areas) as received from partners.
  const admin = loadActor(db, ids.admin)!;
  const coordinator = loadActor(db, ids.coordinator)!;
  for (const r of rows) {
    const status = r.week <= FIELD_REPORT.week ? "approved" : "submitted";
    const author = r.pcode.startsWith("SY02") ? coordinator : admin;
    saveWeeklyReport(db, author, {
      pcode: r.pcode,
      week: r.week,
      input: {
        newlyDisplacedFamilies: r.newly,
        repeatDisplacedFamilies: r.repeat,
        totalDisplacedFamilies: r.total,
        individuals: r.individuals,
        sectors: Object.fromEntries(Object.entries(r.gaps).map(([code, pct]) => [code, { gapPct: Math.round(pct * 10) / 10 }])),
        notes: r.notes,
        source: SOURCE_RCS,
        status: "submitted",
        version: 0,
      },
    });
    if (status === "approved") approveReport(db, admin, { pcode: r.pcode, week: r.week });
  }
  log(`  ${creds.length} demo accounts, ${rows.length} weekly reports (${WEEKS[0]} to ${WEEKS.at(-1)}).`);
  return creds;
}
