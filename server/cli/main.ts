// Porsan command-line dispatcher (bin/porsan.mjs runs this through tsx).
import { runAdmin } from './admin.ts';
import { runKb } from './kb.ts';

const USAGE = `usage: porsan <command>
  porsan kb check <dir>
  porsan kb ask --kb <dir> [--locale fa|ar|en] "question"
  porsan kb match --kb <dir>   < queries.jsonl
  porsan kb gaps [--data-dir DIR] [--limit N] [--json]
  porsan admin reset-password <email> [--password-stdin]
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'kb': return await runKb(rest);
      case 'admin': return await runAdmin(rest);
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE);
        return 0;
      default:
        process.stderr.write(`porsan: unknown command "${cmd}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    process.stderr.write(`porsan: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
