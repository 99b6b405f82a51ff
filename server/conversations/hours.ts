// Business hours: the team's weekly opening ranges in its time zone.
import type { BusinessHours, TeamSettings } from '../../protocol/index.ts';

const SATURDAY_TO_THURSDAY: BusinessHours['days'] = { '6': ['09:00-18:00'], '0': ['09:00-18:00'], '1': ['09:00-18:00'], '2': ['09:00-18:00'], '3': ['09:00-18:00'], '4': ['09:00-18:00'], '5': [] };
const ALWAYS: BusinessHours['days'] = { '0': ['00:00-24:00'], '1': ['00:00-24:00'], '2': ['00:00-24:00'], '3': ['00:00-24:00'], '4': ['00:00-24:00'], '5': ['00:00-24:00'], '6': ['00:00-24:00'] };

export function defaultSettings(opts: { alwaysOpen: boolean; timeZone: string }): TeamSettings {
  return {
    routing: 'manual',
    teamAway: false,
    hours: { timeZone: opts.timeZone, days: opts.alwaysOpen ? ALWAYS : SATURDAY_TO_THURSDAY },
    defaultLimit: 5,
  };
}

const WEEKDAYS: Record<string, keyof BusinessHours['days']> = { Sun: '0', Mon: '1', Tue: '2', Wed: '3', Thu: '4', Fri: '5', Sat: '6' };

const clocks = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  return f;
}

export function withinHours(hours: BusinessHours, at: Date): boolean {
  const parts = clock(hours.timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = WEEKDAYS[get('weekday')];
  if (!day) return false;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  return (hours.days[day] ?? []).some((range) => {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
    if (!m) return false;
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    return minute >= from && minute < to;
  });
}
