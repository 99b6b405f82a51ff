// Per-message direction (common/dir.ts), used by the widget and the console: the majority of
// letters decides (Persian/Arabic digits count with their script); ties and none fall back.
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
  it('Western digits, punctuation and emoji alone follow the conversation; Persian and Arabic digits count with their script', () => {
    for (const s of ['12345', '!!! 🙂', '']) {
      expect(textDir(s, true), s).toBe('rtl');
      expect(textDir(s, false), s).toBe('ltr');
    }
    expect(textDir('۱۲۳۴۵', false)).toBe('rtl');
    expect(textDir('Order ١٢٣٤٥ is late', true)).toBe('ltr');
  });
  it('a tie follows the conversation', () => {
    expect(textDir('ab سل', true)).toBe('rtl');
    expect(textDir('ab سل', false)).toBe('ltr');
  });
  it('accented Latin counts as Latin', () => {
    expect(textDir('Ça coûte combien ? سلام', true)).toBe('ltr');
  });
});
