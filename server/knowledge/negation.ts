// Is a question negated ("my order hasn't arrived", "سفارشم نرسیده", "لم يصل طلبي")? A negated
// question and an entry that asks the same thing without the negation (or the other way round)
// are often different questions: "it has not arrived" is not "it arrived damaged".
import type { Locale } from '../../protocol/index.ts';

const EN = new Set(['not', 'no', 'never', 'cannot', 'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'hasnt', 'havent', 'hadnt', 'wont', 'cant', 'couldnt', 'shouldnt', 'wouldnt', 'nothing', 'neither']);
/** Negated Persian verbs: نمی… and ن + a common verb stem (نرسیده، نیامده، نکرد، نشد …). */
const FA = /^(?:نه|نیست|نیستم|نیستند|هیچ|نمی.+|ن(?:رسید|یامد|یومد|امد|کرد|شد|داد|زد|گرفت|بود|دار|داشت|گذاشت|فرستاد|کن|ده|شو|خورد|دید|تونست|توانست|میخواد).*)$/;
const AR = new Set(['لم', 'لن', 'لا', 'ليس', 'ليست', 'مش', 'مو', 'غير', 'ماوصل', 'مب', 'ولا', 'ولم']);
const AR_FOLDED = new Set([...AR].map((w) => w.replace(/ي/g, 'ی')));

/** Does this list of standard tokens (stop words included) contain a negation? */
export function isNegated(tokens: readonly string[], locale: Locale): boolean {
  if (locale === 'en') return tokens.some((t) => EN.has(t));
  if (locale === 'fa') return tokens.some((t) => FA.test(t));
  return tokens.some((t) => AR_FOLDED.has(t));
}
