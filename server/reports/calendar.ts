// Days and hours in the team's time zone, without a date library: a zone's offset at an instant
// comes from Intl, and is cached per hour (offsets change on the hour or half hour at most).
const HOUR = 3600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant `t` (ms): local time = t + offset. */
export function offsetAt(timeZone: string, t: number): number {
  // Offsets change at most every quarter hour; cache by quarter hour.
  const key = `${timeZone}|${Math.floor(t / (HOUR / 4))}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = asUtc - Math.floor(t / 1000) * 1000;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a real calendar date written YYYY-MM-DD? */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a local day starts in the zone (ms). */
export function dayStart(date: string, timeZone: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two rounds settle on the offset in force at that wall time (also across a DST change).
  let t = wall - offsetAt(timeZone, wall);
  t = wall - offsetAt(timeZone, t);
  return t;
}

export function addDays(date: string, n: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The local calendar day, weekday (0 = Sunday) and hour of an instant in the zone. */
export function localTime(t: number, timeZone: string): { date: string; weekday: number; hour: number } {
  const local = new Date(t + offsetAt(timeZone, t));
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay(), hour: local.getUTCHours() };
}

/** Today's date in the zone. */
export function today(timeZone: string, now = Date.now()): string {
  return localTime(now, timeZone).date;
}
