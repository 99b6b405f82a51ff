// Escaping: the widget and the console render rich text (knowledge-base answers, agents'
// markdown) with one renderer and one link rule, so a fix in one place protects both.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('one rich-text renderer', () => {
  const files = [...sources(join(ROOT, 'widget')), ...sources(join(ROOT, 'console/src'))];

  it('is imported from common/rich.tsx by both the widget and the console', () => {
    const users = files.filter((f) => /from '[./]+\/common\/rich\.tsx'/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(users.some((f) => f.startsWith('widget/'))).toBe(true);
    expect(users.some((f) => f.startsWith('console/'))).toBe(true);
  });

  it('has no second link rule or renderer anywhere else', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      // (a static markup constant such as the launcher's icon may be set as HTML; nothing built from data)
      expect(text, relative(ROOT, f)).not.toMatch(/function safeHref|dangerouslySetInnerHTML|\.innerHTML\s*=(?!\s*[A-Z_]+;)/);
    }
  });
});
