// The seven statutory holidays (《全国年节及纪念日放假办法》, since 2008): a year's official list
// names each of them. A list without one of them is partial — a draft, or a file cut short —
// and is never taken for the whole year.
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'] as const;

/** Other spellings a list may use for the same holiday. */
const ALIASES: Record<(typeof STATUTORY_HOLIDAYS)[number], string[]> = {
  元旦: ['元旦'],
  春节: ['春节'],
  清明: ['清明'],
  劳动节: ['劳动节', '五一', '国际劳动节'],
  端午: ['端午'],
  中秋: ['中秋'],
  国庆: ['国庆'],
};

/** The first year the seven were all statutory (清明、端午、中秋 from 2008). */
export const STATUTORY_FROM = 2008;

/** The statutory holidays no rest day of the list is named after ([] when all are there, or before 2008). */
export function missingStatutory(year: number, days: readonly { off: boolean; name: string }[]): string[] {
  if (year < STATUTORY_FROM) return [];
  const names = days.filter((d) => d.off).map((d) => d.name);
  const named = (h: (typeof STATUTORY_HOLIDAYS)[number]) => names.some((n) => ALIASES[h].some((a) => n.includes(a)));
  // 中秋 on or next to 1 October is merged into the National Day holiday, which then has
  // eight days and is often named 国庆 alone (2020).
  const merged = names.filter((n) => n.includes('国庆')).length >= 8;
  return STATUTORY_HOLIDAYS.filter((h) => !named(h) && !(h === '中秋' && merged));
}
