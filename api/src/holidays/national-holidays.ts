import Holidays from 'date-holidays';

/** Indonesian public holidays from date-holidays (cuti bersama are added by admins). */
export function nationalHolidays(years: number[]): { date: string; name: string }[] {
  const hd = new Holidays('ID');
  const seen = new Set<string>();
  const out: { date: string; name: string }[] = [];
  for (const y of years) {
    for (const h of hd.getHolidays(y)) {
      const date = h.date.slice(0, 10);
      if (h.type !== 'public' || seen.has(date)) continue;
      seen.add(date);
      out.push({ date, name: h.name });
    }
  }
  return out;
}
