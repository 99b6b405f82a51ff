// `porsan kb gaps [--data-dir DIR] [--limit N] [--json]`: what visitors asked that the bot
// could not answer, grouped by normalized text and ranked by frequency.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { openStore } from '../store/index.ts';

export async function runGaps(args: string[]): Promise<number> {
  let dataDir = process.env.PORSAN_DATA_DIR ?? './data';
  let limit = 50;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--data-dir') dataDir = args[++i] ?? dataDir;
    else if (a === '--limit') limit = Number(args[++i]);
    else if (a === '--json') json = true;
    else {
      process.stderr.write(`porsan kb gaps: unknown option ${a}\nusage: porsan kb gaps [--data-dir DIR] [--limit N] [--json]\n`);
      return 2;
    }
  }
  if (!Number.isInteger(limit) || limit < 1) {
    process.stderr.write('porsan kb gaps: --limit takes a positive whole number\n');
    return 2;
  }
  const dir = resolve(dataDir);
  const databaseUrl = process.env.PORSAN_DATABASE_URL || null;
  if (!databaseUrl && !existsSync(dir)) {
    process.stderr.write(`porsan kb gaps: no data directory at ${dir} (set --data-dir or PORSAN_DATA_DIR)\n`);
    return 2;
  }
  const store = await openStore({ databaseUrl, dataDir: dir });
  try {
    const groups = await store.unanswered.groups(limit);
    if (json) {
      for (const g of groups) process.stdout.write(JSON.stringify(g) + '\n');
    } else if (groups.length === 0) {
      process.stdout.write('No unanswered questions yet.\n');
    } else {
      process.stdout.write(`count  locale  last asked            example\n`);
      for (const g of groups) {
        process.stdout.write(`${String(g.count).padStart(5)}  ${g.locale.padEnd(6)}  ${g.lastAt.slice(0, 19).replace('T', ' ')}  ${g.example.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}
