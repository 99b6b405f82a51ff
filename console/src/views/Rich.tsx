// Renders the server's safe rich-text tree as Preact elements (never innerHTML).
import type { ComponentChildren } from 'preact';
import type { RichBlock, RichInline } from '../../../protocol/index.ts';

function safeHref(href: string): string | undefined {
  try {
    const u = new URL(href, location.href);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function inlines(nodes: RichInline[]): ComponentChildren {
  return nodes.map((n, i) => {
    if (typeof n === 'string') return n;
    switch (n.t) {
      case 'b':
        return <strong key={i}>{inlines(n.c)}</strong>;
      case 'i':
        return <em key={i}>{inlines(n.c)}</em>;
      case 'code':
        return <code key={i}>{inlines(n.c)}</code>;
      case 'a':
        return (
          <a key={i} href={safeHref(n.href)} target="_blank" rel="noopener noreferrer">
            {inlines(n.c)}
          </a>
        );
      case 'br':
        return <br key={i} />;
      default:
        return null;
    }
  });
}

export function Rich({ blocks }: { blocks: RichBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'p':
            return <p key={i}>{inlines(b.c)}</p>;
          case 'ul':
          case 'ol': {
            const List = b.t;
            return (
              <List key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{inlines(item)}</li>
                ))}
              </List>
            );
          }
          case 'pre':
            return (
              <pre key={i} dir="ltr">
                {b.v}
              </pre>
            );
          default:
            return null;
        }
      })}
    </>
  );
}
