// `npm run bench`: every performance figure Porsan tracks, printed. Targets live here, not
// in timed tests: knowledge-base matching, widget size, and end-to-end server round trips.
import { runMatchBench } from './match.ts';
import { runSizeBench } from './size.ts';
import { runServerBench } from './server.ts';
import { runClusterBench } from './cluster.ts';

console.log('== knowledge-base matching (one core) ==');
await runMatchBench();
console.log('\n== widget size (gzipped; run `npm run build` first) ==');
await runSizeBench();
console.log('\n== server ==');
await runServerBench();
console.log('\n== several nodes ==');
await runClusterBench();
process.exit(0);
