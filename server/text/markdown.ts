// Markdown (knowledge-base answers, agent replies) → a small tree of allowed nodes that the
// widget and console render as elements. Raw HTML in the source becomes plain text.
import { Lexer, type Token, type Tokens } from 'marked';
import type { RichBlock, RichInline } from '../../protocol/index.ts';

const SAFE_HREF = /^(https?:|mailto:|tel:)/i;

export function safeHref(href: string): string | null {
  const h = href.trim();
  return SAFE_HREF.test(h) ? h : null;
}

function inline(tokens: Token[] | undefined): RichInline[] {
  const out: RichInline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push({ t: 'b', c: inline((t as Tokens.Strong).tokens) });
        break;
      case 'em':
        out.push({ t: 'i', c: inline((t as Tokens.Em).tokens) });
        break;
      case 'codespan':
        out.push({ t: 'code', c: [(t as Tokens.Codespan).text] });
        break;
      case 'br':
        out.push({ t: 'br' });
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const href = safeHref(l.href);
        const children = inline(l.tokens);
        if (href) out.push({ t: 'a', href, c: children });
        else out.push(...children);
        break;
      }
      case 'image':
        out.push((t as Tokens.Image).text);
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens && tt.tokens.length > 0) out.push(...inline(tt.tokens));
        else out.push(decodeEntities(tt.text));
        break;
      }
      case 'escape':
        out.push((t as Tokens.Escape).text);
        break;
      default:
        // html, del and anything else: keep the visible text only.
        out.push(decodeEntities('text' in t && typeof t.text === 'string' ? t.text : t.raw));
    }
  }
  return mergeStrings(out);
}

function mergeStrings(nodes: RichInline[]): RichInline[] {
  const out: RichInline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (typeof n === 'string' && typeof last === 'string') out[out.length - 1] = last + n;
    else out.push(n);
  }
  return out;
}

// marked's lexer leaves HTML entities encoded in text; the tree carries plain strings.
function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}

function listItemInline(item: Tokens.ListItem): RichInline[] {
  const parts: RichInline[] = [];
  for (const t of item.tokens) {
    if (t.type === 'text' || t.type === 'paragraph') parts.push(...inline((t as Tokens.Text).tokens ?? [t]));
    else if (t.type === 'list') parts.push(' ', ...(t as Tokens.List).items.flatMap((i) => [' • ', ...listItemInline(i)]));
    else parts.push(...inline([t]));
  }
  return mergeStrings(parts);
}

function blocks(tokens: Token[]): RichBlock[] {
  const out: RichBlock[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'paragraph':
        out.push({ t: 'p', c: inline((t as Tokens.Paragraph).tokens) });
        break;
      case 'heading':
        out.push({ t: 'p', c: [{ t: 'b', c: inline((t as Tokens.Heading).tokens) }] });
        break;
      case 'list': {
        const l = t as Tokens.List;
        out.push({ t: l.ordered ? 'ol' : 'ul', items: l.items.map(listItemInline) });
        break;
      }
      case 'code':
        out.push({ t: 'pre', v: (t as Tokens.Code).text });
        break;
      case 'blockquote':
        out.push(...blocks((t as Tokens.Blockquote).tokens));
        break;
      case 'space':
      case 'hr':
        break;
      default:
        if (t.raw.trim()) out.push({ t: 'p', c: [t.raw.trim()] });
    }
  }
  return out;
}

const cache = new Map<string, RichBlock[]>();
const CACHE_MAX = 1000;

/** Converts markdown to the allowed tree. Results are cached: answers repeat a lot. */
export function markdownToRich(markdown: string): RichBlock[] {
  const hit = cache.get(markdown);
  if (hit) return hit;
  const tree = blocks(new Lexer({ gfm: true, breaks: true }).lex(markdown));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(markdown, tree);
  return tree;
}
