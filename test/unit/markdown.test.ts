import { describe, expect, it } from 'vitest';
import { markdownToRich } from '../../server/text/markdown.ts';

describe('markdownToRich', () => {
  it('keeps paragraphs, bold, italic, code, links and lists', () => {
    const tree = markdownToRich('Hello **bold** and _it_ with `code`.\n\n- one\n- [two](https://example.com/x)\n\n1. first');
    expect(tree).toEqual([
      { t: 'p', c: ['Hello ', { t: 'b', c: ['bold'] }, ' and ', { t: 'i', c: ['it'] }, ' with ', { t: 'code', c: ['code'] }, '.'] },
      { t: 'ul', items: [['one'], [{ t: 'a', href: 'https://example.com/x', c: ['two'] }]] },
      { t: 'ol', items: [['first']] },
    ]);
  });

  it('turns raw HTML into plain text', () => {
    const json = JSON.stringify(markdownToRich('<img src=x onerror=alert(1)> hi <script>alert(1)</script>'));
    expect(json).not.toMatch(/"t":"(img|script)"/);
    expect(json).toContain('<img src=x onerror=alert(1)>'); // as text, rendered escaped
  });

  it('drops links with unsafe schemes but keeps their text', () => {
    expect(markdownToRich('[click](javascript:alert(1)) [mail](mailto:a@b.c)')).toEqual([
      { t: 'p', c: ['click ', { t: 'a', href: 'mailto:a@b.c', c: ['mail'] }] },
    ]);
  });

  it('decodes entities into plain characters', () => {
    expect(markdownToRich('Tom & Jerry "quoted"')).toEqual([{ t: 'p', c: ['Tom & Jerry "quoted"'] }]);
  });

  it('handles Persian text and line breaks', () => {
    expect(markdownToRich('سلام\nخوبی؟')).toEqual([{ t: 'p', c: ['سلام', { t: 'br' }, 'خوبی؟'] }]);
  });
});
