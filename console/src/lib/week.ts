// The week as the console's language counts it: Saturday first in Persian (Iran), Monday in
// British English. From Intl's week data where the browser has it, else a small table.
type WeekInfo = { firstDay: number };
type LocaleWithWeek = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/** 0 = Sunday … 6 = Saturday. */
export function firstDayOfWeek(tag: string): number {
  try {
    const l = new Intl.Locale(tag) as LocaleWithWeek;
    const info = typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
    if (info && Number.isInteger(info.firstDay)) return info.firstDay % 7; // Intl counts Sunday as 7
  } catch {
    // no week data in this browser
  }
  return tag.startsWith('fa') ? 6 : tag.startsWith('en-US') ? 0 : 1;
}

/** The weekday keys of BusinessHours ('0' = Sunday) in the order the week is read in `tag`. */
export function weekOrder(tag: string): ('0' | '1' | '2' | '3' | '4' | '5' | '6')[] {
  const first = firstDayOfWeek(tag);
  return Array.from({ length: 7 }, (_, i) => String((first + i) % 7) as '0');
}
