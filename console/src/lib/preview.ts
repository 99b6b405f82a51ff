/** One-line preview of a markdown source for lists: no emphasis markers, bullets or line breaks. */
export function preview(markdown: string | null | undefined): string {
  if (!markdown) return '';
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/^\s*(?:[-*+]|\d+\.|#+)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
