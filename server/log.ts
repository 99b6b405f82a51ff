// Logs: one JSON object a line for machines (files, journald, log shippers), and readable lines
// for a person watching a terminal. Which one is decided by whether stdout is a terminal.
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LogOptions {
  /** Human-readable lines instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (tests); default stdout. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(level: string, opts: LogOptions = {}): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  const human = opts.pretty ?? process.stdout.isTTY === true;
  if (human) {
    // Synchronous, in this thread: lines appear in order with the banner and survive a crash.
    const colorize = opts.destination ? false : process.stdout.hasColors?.() === true;
    return pino(options, pretty({ sync: true, colorize, translateTime: 'SYS:HH:MM:ss', destination: opts.destination ?? 1 }));
  }
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** Whether this logger writes JSON lines (the banner then goes through it too). */
export function logsJson(opts: LogOptions = {}): boolean {
  return !(opts.pretty ?? process.stdout.isTTY === true);
}
