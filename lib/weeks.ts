/** ISO 8601 weeks, all in UTC. A week is written "2020-W04"; DHIS2's "2020W4" is accepted as input. */

const WEEK_RE = /^(\d{4})-?W(\d{1,2})$/;
const DAY = 86_400_000;

export type IsoWeek = string;

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when Dec 28 falls in week 53, i.e. Jan 1 is a Thursday (or Wednesday in a leap year).
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Normalises "2020W4", "2020-W4" or "2020-W04" to "2020-W04"; null when it is not a real week. */
export function parseWeek(input: string): IsoWeek | null {
  const m = WEEK_RE.exec(input.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2999 || week < 1 || week > weeksInYear(year)) return null;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * A week as files write it: an ISO week (2020-W04, 2020W4), or a date of any day of it
 * (2020-01-22, 2020-01-22T10:15:00+03:00 as KoboToolbox exports it, or 22/01/2020, day first):
 * the ISO week the date falls in, by its calendar date as written.
 */
export function weekOfText(input: string): IsoWeek | null {
  const text = input.trim();
  const week = parseWeek(text);
  if (week) return week;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // 31/02/2020 rolls over into March: refused instead.
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2999) return null;
  return weekOf(date);
}

/** Monday of the week, UTC midnight. */
export function weekStart(week: IsoWeek): Date {
  const m = WEEK_RE.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Dow = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(jan4.getTime() - jan4Dow * DAY + (Number(m[2]) - 1) * 7 * DAY);
}

export function weekEnd(week: IsoWeek): Date {
  return new Date(weekStart(week).getTime() + 6 * DAY);
}

export function weekOf(date: Date): IsoWeek {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - dow) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return weekOf(new Date(weekStart(week).getTime() + n * 7 * DAY));
}
