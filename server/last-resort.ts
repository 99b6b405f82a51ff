// Process-wide last resort. Every path that touches client data handles its own errors; if one
// slips through anyway, it is logged and the server keeps serving everyone else. An unhandled
// rejection leaves no state half-changed that the runtime knows of, so serving on is safe; an
// uncaught exception may have, so after several in a short time the process exits for its
// supervisor to restart it cleanly.
import type { Logger } from './log.ts';

const EXCEPTIONS_BEFORE_EXIT = 5;
const WINDOW_MS = 60_000;

export function installLastResort(log: Logger): void {
  let recent: number[] = [];
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection (kept serving)');
  });
  process.on('uncaughtException', (err, origin) => {
    const now = Date.now();
    recent = recent.filter((t) => now - t < WINDOW_MS).concat(now);
    if (recent.length >= EXCEPTIONS_BEFORE_EXIT) {
      log.fatal({ err, origin }, `${recent.length} uncaught exceptions within a minute: exiting for a clean restart`);
      process.exit(1);
    }
    log.error({ err, origin }, 'uncaught exception (kept serving)');
  });
}
