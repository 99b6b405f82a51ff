// Typos as people make them: letters that differ only by dots, neighbouring keys, swapped, doubled
// and dropped letters, texting forms of function words; an unambiguous repair counts like the clean word.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase, loadKnowledgeBase } from '../../server/knowledge/index.ts';
import { likelySlip, neighbourKeys, rasm, slipKind } from '../../server/knowledge/letters.ts';
import { functionWordSlip } from '../../server/knowledge/texting.ts';
import { arabicRoots, TypoChannel } from '../../server/knowledge/typos.ts';

describe('letters', () => {
  it('gives words that differ only by dots one skeleton (rasm), with the final forms of ن and ی apart', () => {
    expect(rasm('منتح')).toBe(rasm('منتج'));
    expect(rasm('کارشتاس')).toBe(rasm('کارشناس'));
    expect(rasm('شبکه')).toBe(rasm('سبکه'));
    expect(rasm('فرد')).toBe(rasm('قرذ'));
    expect(rasm('بین')).not.toBe(rasm('بیی')); // ں and ى are different shapes at the end
    expect(rasm('سرد')).not.toBe(rasm('سرو'));
  });

  it('knows neighbouring keys on the English, Persian and Arabic keyboards', () => {
    expect(neighbourKeys('a', 's')).toBe(true);
    expect(neighbourKeys('a', 'p')).toBe(false);
    expect(neighbourKeys('ش', 'س')).toBe(true); // a / s on the Persian layout
    expect(neighbourKeys('ع', 'ه')).toBe(true); // u / i
    expect(likelySlip('ح', 'ع')).toBe(true); // by sound
    expect(likelySlip('ب', 'م')).toBe(false);
  });

  it('names the kind of a single slip', () => {
    expect(slipKind('wnat', 'want')).toBe('swap');
    expect(slipKind('shiping', 'shipping')).toBe('drop');
    expect(slipKind('sppeak', 'speak')).toBe('double');
    expect(slipKind('spwak', 'speak')).toBe('slip');
    expect(slipKind('spxak', 'speak')).toBe('other');
    expect(slipKind('spxxk', 'speak')).toBeNull();
  });
});

describe('texting forms and slips of function words', () => {
  it('reads them as the word meant when one function word fits', () => {
    expect(functionWordSlip('whn', 'en')).toBe('when');
    expect(functionWordSlip('mcuh', 'en')).toBe('much');
    expect(functionWordSlip('teh', 'en')).toBe('the');
    expect(functionWordSlip('germny', 'en')).toBe('germany');
    expect(functionWordSlip('اللذی', 'ar')).toBe('الذی');
  });
  it('leaves content words and ambiguous slips alone', () => {
    expect(functionWordSlip('refund', 'en')).toBeNull();
    expect(functionWordSlip('سرد', 'fa')).toBeNull(); // a changed letter in Persian is no texting form
  });
});

describe('the typo channel', () => {
  const vocab = ['منتج', 'ارجاع', 'شبکه', 'delivery', 'deliver'];
  const terms = new Map(vocab.map((w) => [w, w]));
  it('takes a dotless match that is the only reading in the KB at full weight', () => {
    expect(new TypoChannel('ar', vocab, terms).expand('منتح')).toEqual([['منتج', 1]]);
    expect(new TypoChannel('fa', vocab, terms).expand('سبکه')).toEqual([['شبکه', 1]]);
  });
  it('weighs a likely slip almost like the clean word, several readings less', () => {
    expect(new TypoChannel('en', ['delivery'], new Map([['delivery', 'deliver']])).expand('delivry')).toEqual([['deliver', 0.95]]);
    const two = new TypoChannel('en', ['carts', 'cards'], new Map([['carts', 'cart'], ['cards', 'card']])).expand('carfs'); // f is next to both d and t
    expect(two.map(([, w]) => w)).toEqual([0.7, 0.7]);
  });
  it('finds an Arabic word of the same root, also one slip away', () => {
    expect(arabicRoots('استرجع')).toContain('رجع');
    expect(arabicRoots('الإرجاع'.replace('إ', 'ا'))).toContain('رجع');
    expect(new TypoChannel('ar', vocab, terms).expand('استرجع')).toEqual([['ارجاع', 0.6]]);
    expect(new TypoChannel('ar', vocab, terms).expand('استرجح')).toEqual([['ارجاع', 0.6]]);
  });
});

describe('typo-repaired questions', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => { kb = (await loadKnowledgeBase(resolve(import.meta.dirname, '../fixtures/kb-bikes'))).kb; });
  it('get a score like the clean question when the repair is unambiguous', () => {
    const pairs: Array<[string, string, 'en' | 'fa']> = [
      ['when is the rental shop open?', 'whn is the rentl shop opne?', 'en'],
      ['هزینه اجاره دوچرخه چقدر است؟', 'هزینه احاره دوجرخه چقدر است؟', 'fa'], // dots: ج/ح, چ/ج
    ];
    for (const [clean, typo, locale] of pairs) {
      const a = kb.decide(clean, locale), b = kb.decide(typo, locale);
      expect(b.candidates[0].entry.id, typo).toBe(a.candidates[0].entry.id);
      expect(Math.abs(a.score - b.score), typo).toBeLessThan(0.05);
      expect(b.decision, typo).toBe(a.decision);
    }
  });
});
