// What kind of answer a question asks for — a time or duration, a price, a procedure, a place, a
// reason — read from the question words of each language (general grammar, no KB vocabulary).
// Two questions about the same thing that ask for different kinds of answer are different FAQ
// entries: "how long is the warranty?" vs "how do I claim the warranty?".
import type { Locale } from '../../protocol/index.ts';
import { canonicalChars, standardTokens } from './normalize.ts';

export type QuestionType = 'time' | 'price' | 'procedure' | 'place' | 'reason';

/** Patterns over the standard tokens joined by single spaces (written in natural spelling, folded at load). */
const PATTERNS: Record<Locale, Array<[QuestionType, string]>> = {
  en: [
    // (EN_PHRASES has already turned "how long" into "duration" and "how much" into "price")
    ['time', String.raw`\b(?:duration|when|how soon|what time|how many (?:days?|hours?|weeks?|months?|minutes?|years?))\b`],
    ['price', String.raw`\b(?:price|prices|pricing|cost|costs|fee|fees|tariff)\b`],
    ['procedure', String.raw`\b(?:how (?:do|can|could|should|would|to)|what (?:should|do|can) (?:i|we) do|process|procedure|steps)\b`],
    ['place', String.raw`\bwhere\b`],
    ['reason', String.raw`\bwhy\b`],
  ],
  fa: [
    ['time', String.raw`(?:^| )(?:چقدر طول|چه مدت|چه زمانی|چه وقت|چه ساعتی|چند (?:روز|ساعت|هفته|ماه|سال|دقیقه))(?= |$)`],
    ['price', String.raw`(?:^| )(?:هزینه|هزینهاش|قیمت|قیمتش|بها|تعرفه|تومان|ریال)(?= |$)`],
    ['procedure', String.raw`(?:^| )(?:چطور|چگونه|چه کار|چکار|چه باید|مراحل|روال)(?= |$)`],
    ['place', String.raw`(?:^| )(?:کجا|کجاست)(?= |$)`],
    ['reason', String.raw`(?:^| )چرا(?= |$)`],
  ],
  ar: [
    ['time', String.raw`(?:^| )(?:متى|مدة|كم من الوقت|تستغرق|يستغرق|كم (?:يوم|يوما|ايام|ساعة|ساعات|اسبوع|اسابيع|شهر|اشهر|دقيقة))(?= |$)`],
    ['price', String.raw`(?:^| )(?:سعر|اسعار|تكلفة|تكاليف|ثمن|رسوم|بكم|يكلف|تكلف)(?= |$)`],
    ['procedure', String.raw`(?:^| )(?:كيف|الاجراء|الاجراءات|اجراءات|ماذا افعل|ما العمل|خطوات|الخطوات)(?= |$)`],
    ['place', String.raw`(?:^| )اين(?= |$)`],
    ['reason', String.raw`(?:^| )لماذا(?= |$)`],
  ],
};

const COMPILED: Record<Locale, Array<[QuestionType, RegExp]>> = {
  en: PATTERNS.en.map(([t, p]) => [t, new RegExp(p)]),
  fa: PATTERNS.fa.map(([t, p]) => [t, new RegExp(canonicalChars(p))]),
  ar: PATTERNS.ar.map(([t, p]) => [t, new RegExp(canonicalChars(p))]),
};

/** The kinds of answer a text asks for (empty when it asks for none of them recognizably). */
export function questionTypes(text: string, locale: Locale): Set<QuestionType> {
  return typesOfTokens(standardTokens(text, locale), locale);
}

/** `questionTypes` of a text already turned into standard tokens. */
export function typesOfTokens(tokens: string[], locale: Locale): Set<QuestionType> {
  const joined = tokens.join(' ');
  const out = new Set<QuestionType>();
  for (const [t, re] of COMPILED[locale]) if (re.test(joined)) out.add(t);
  return out;
}

/**
 * +1 when the query asks for a kind of answer one of the entry's questions asks for, −1 when both
 * ask for kinds and they share none, 0 when either asks for none recognizably.
 */
export function typeAgreement(query: Set<QuestionType>, entry: Set<QuestionType>): number {
  if (query.size === 0 || entry.size === 0) return 0;
  for (const t of query) if (entry.has(t)) return 1;
  return -1;
}
