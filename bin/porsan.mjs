#!/usr/bin/env node
// Porsan CLI entry point. Runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
// `porsan … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
const { main } = await import('../server/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = typeof code === 'number' ? code : 0;
