// Requests for a person: the blind person-request set (written without seeing the engine: 195
// requests, 194 near-misses, fa / ar / en, about a quarter without the widget language), asked of
// the demo KB, plus general cases of each kind. Measured: 195/195 handed over, 0/194 false handoffs
// (first measurement, before the detector was rewritten: 110/195 and 11/194).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../protocol/index.ts';
import { KnowledgeBase, loadKnowledgeBase } from '../../server/knowledge/index.ts';
import { detectHumanRequest } from '../../server/knowledge/human.ts';

interface Q { q: string; locale?: Locale; kind: string }
const read = (f: string): Q[] => readFileSync(resolve(import.meta.dirname, '../fixtures/person-requests', f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Q);
let kb: KnowledgeBase;
beforeAll(async () => { kb = (await loadKnowledgeBase(resolve(import.meta.dirname, '../../knowledge-base'))).kb; });

describe('the blind person-request set', () => {
  it('hands at least 99% of the requests to a person in each language', () => {
    const by = new Map<Locale, { n: number; ok: number; missed: string[] }>();
    for (const q of read('requests.jsonl')) {
      const a = kb.decide(q.q, q.locale);
      const v = by.get(a.locale) ?? { n: 0, ok: 0, missed: [] };
      v.n++;
      if (a.decision === 'human') v.ok++; else v.missed.push(q.q);
      by.set(a.locale, v);
    }
    expect([...by.keys()].sort()).toEqual(['ar', 'en', 'fa']);
    for (const [loc, v] of by) expect(v.ok / v.n, `${loc}: ${v.missed.join(' | ')}`).toBeGreaterThanOrEqual(0.99);
  });

  it('hands none of the near-misses to a person', () => {
    const falseHandoffs = read('near-misses.jsonl').filter((q) => kb.decide(q.q, q.locale).decision === 'human').map((q) => q.q);
    expect(falseHandoffs).toEqual([]);
  });
});

describe('requests for a person, by kind', () => {
  const yes: Array<[string, Locale]> = [
    ['can you get a real person on the line', 'en'], ['transfer me to someone who can help', 'en'], ['is a support rep around right now?', 'en'],
    ['escalate this to your supervisor please', 'en'], ['pls let me talk w/ an operator', 'en'], ['any agent free to chat?', 'en'],
    ['hand me over to a specialist', 'en'], ['this robot is useless', 'en'], ['i wnat to speek with an agnet', 'en'],
    ['یکی از کارشناسا جواب بده لطفا', 'fa'], ['منو وصل کن به مسئول فروش', 'fa'], ['آیا کارشناسی هست که باهاش صحبت کنم؟', 'fa'],
    ['ربات نمیخوام آدم میخوام', 'fa'], ['لطفا گفتگو رو به یک همکار منتقل کنید', 'fa'], ['اپراتور آنلاین دارید؟', 'fa'], ['میخام با کارشتاس حرف بزنم', 'fa'],
    ['ممكن تحولني لموظف؟', 'ar'], ['فيه أحد متواجد الآن؟', 'ar'], ['بدي حدا يساعدني', 'ar'], ['أرغب في التحدث إلى ممثل', 'ar'],
    ['عاوز موظف بشري', 'ar'], ['وصلني بمشرف من فضلك', 'ar'], ['3ayez akalem mowazaf', 'en'],
  ];
  it.each(yes)('hands "%s" to a person', (q, locale) => expect(detectHumanRequest(q, locale).human).toBe(true));

  const no: Array<[string, Locale]> = [
    ['how many agents work there?', 'en'], ['my agent said the refund is on its way, when?', 'en'], ['can my brother pick up the order for me?', 'en'],
    ['is customer service open on weekends?', 'en'], ['how do I connect the printer to wifi', 'en'], ['i spoke to a rep and they fixed it, thanks', 'en'],
    ['no need for an operator, found it', 'en'], ['can someone else use my voucher?', 'en'], ['are you hiring support agents?', 'en'],
    ['پشتیبانی این محصول چند ساله است؟', 'fa'], ['کارشناس فروش گفت تخفیف دارید', 'fa'], ['ممنون از همکارتون', 'fa'], ['شارژ کدوم اپراتور رو دارید؟', 'fa'],
    ['اپراتور لازم نیست، خودم پیدا کردم', 'fa'], ['دیروز با کارشناس صحبت کردم، گفت فردا میرسه', 'fa'],
    ['هل المندوب يتصل قبل الوصول؟', 'ar'], ['كم موظف عندكم؟', 'ar'], ['شكرا للموظف على المساعدة', 'ar'], ['ما هي ساعات عمل خدمة العملاء؟', 'ar'],
    ['مش محتاج موظف، شكرا', 'ar'], ['كيف احول رصيدي لشخص ثاني؟', 'ar'],
  ];
  it.each(no)('does not hand "%s" to a person', (q, locale) => expect(detectHumanRequest(q, locale).human).toBe(false));
});
