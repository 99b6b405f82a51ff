// Per-message direction (common/dir.ts), used by the widget and the console: the majority of
// strong characters decides; digits and punctuation do not count; ties and none fall back.
import { describe, expect, it } from 'vitest';
import { textDir } from '../../common/dir.ts';

describe('textDir', () => {
  it('a Persian message that starts with a Latin order code is right to left', () => {
    expect(textDir('PS-10234، هنوز نرسیده', true)).toBe('rtl');
    expect(textDir('PS-10234، هنوز نرسیده', false)).toBe('rtl');
  });
  it('an English message that starts with a Persian word is left to right', () => {
    expect(textDir('سلام, my order PS-10234 has not arrived', true)).toBe('ltr');
  });
  it('Arabic with Latin brand names is right to left', () => {
    expect(textDir('هل يعمل iPhone مع التطبيق؟', false)).toBe('rtl');
  });
  it('digits (Western, Persian, Arabic-Indic), punctuation and emoji alone follow the conversation', () => {
    for (const s of ['12345', '۱۲۳۴۵', '١٢٣', '!!! 🙂', '']) {
      expect(textDir(s, true), s).toBe('rtl');
      expect(textDir(s, false), s).toBe('ltr');
    }
  });
  it('a tie follows the conversation', () => {
    expect(textDir('ab سل', true)).toBe('rtl');
    expect(textDir('ab سل', false)).toBe('ltr');
  });
  it('accented Latin counts as Latin', () => {
    expect(textDir('Ça coûte combien ? سلام', true)).toBe('ltr');
  });
});
