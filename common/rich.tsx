// Renders the server's safe rich-text tree as elements, for the widget and the console alike
// (one renderer, one link rule). Never innerHTML; links only to http(s), mailto and tel,
// always opening in a new tab without an opener; anything unexpected in the tree is dropped.
import type { ComponentChildren } from 'preact';
import type { RichBlock, RichInline } from '../protocol/index.ts';

export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const u = new URL(href.trim(), typeof location === 'undefined' ? undefined : location.href);
    return /^(https?|mailto|tel):$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function inline(nodes: RichInline[] | undefined): ComponentChildren {
  if (!Array.isArray(nodes)) return null;
  return nodes.map((n) => {
    if (typeof n === 'string') return n;
    if (!n || typeof n !== 'object') return null;
    switch (n.t) {
      case 'b':
        return <strong>{inline(n.c)}</strong>;
      case 'i':
        return <em>{inline(n.c)}</em>;
      case 'code':
        return <code>{inline(n.c)}</code>;
      case 'br':
        return <br />;
      case 'a': {
        const href = safeHref(n.href);
        return href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {inline(n.c)}
          </a>
        ) : (
          <span>{inline(n.c)}</span>
        );
      }
      default:
        return null;
    }
  });
}

export function Rich({ blocks }: { blocks: RichBlock[] }) {
  return (
    <>
      {blocks.map((b) => {
        switch (b && b.t) {
          case 'p':
            return <p>{inline((b as { c: RichInline[] }).c)}</p>;
          case 'ul':
          case 'ol': {
            const items = (b as { items: RichInline[][] }).items;
            const li = Array.isArray(items) ? items.map((it) => <li>{inline(it)}</li>) : null;
            return b.t === 'ul' ? <ul>{li}</ul> : <ol>{li}</ol>;
          }
          case 'pre':
            return (
              <pre dir="ltr">
                <code>{String((b as { v: string }).v)}</code>
              </pre>
            );
          default:
            return null;
        }
      })}
    </>
  );
}

/** The tree as plain text (for the screen-reader announcement). */
export function richText(blocks: RichBlock[]): string {
  const flat = (n: RichInline[] | undefined): string =>
    Array.isArray(n) ? n.map((x) => (typeof x === 'string' ? x : x && 'c' in x ? flat(x.c) : ' ')).join('') : '';
  return blocks
    .map((b) => (b.t === 'p' ? flat(b.c) : b.t === 'pre' ? b.v : b.t === 'ul' || b.t === 'ol' ? b.items.map(flat).join('; ') : ''))
    .join(' ')
    .trim();
}
