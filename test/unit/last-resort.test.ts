// The process-wide last resort: an unhandled rejection is logged and the process keeps serving;
// repeated uncaught exceptions end it for a clean restart. Run in a child process.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server.ts';

function run(body: string) {
  const script = `
    import { installLastResort } from './server/last-resort.ts';
    import { createLogger } from './server/log.ts';
    installLastResort(createLogger('info'));
    ${body}`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
}

describe('the last resort', () => {
  it('logs an unhandled rejection and keeps the process running', () => {
    const r = run(`Promise.reject(new Error('boom')); setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);`);
    expect(r.stdout).toContain('unhandled promise rejection (kept serving)');
    expect(r.stdout).toContain('still serving');
    expect(r.status).toBe(0);
  });

  it('survives one uncaught exception but exits after several within a minute', () => {
    const one = run(`setTimeout(() => { throw new Error('once'); }); setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);`);
    expect(one.stdout).toContain('uncaught exception (kept serving)');
    expect(one.status).toBe(0);
    const many = run(`for (let i = 0; i < 6; i++) setTimeout(() => { throw new Error('again'); }, i * 5); setTimeout(() => process.exit(0), 500);`);
    expect(many.stdout).toContain('exiting for a clean restart');
    expect(many.status).toBe(1);
  });
});
