// Messages between the orchestrator (run.ts), the server under test and the client process.
export interface ProcStats {
  /** process.cpuUsage(), microseconds */
  cpu: { user: number; system: number };
  heapUsed: number;
  rss: number;
}

export type ServerMsg =
  | { type: 'ready'; port: number; kbHeapBytes?: number; kbLoadMs?: number; entries?: number }
  | { type: 'stats'; stats: ProcStats }
  | { type: 'profiled'; file: string | null }
  | { type: 'snapshotted'; file: string };

export type ServerCmd = { type: 'stats'; gc: boolean } | { type: 'stop' } | { type: 'profile'; file: string | null } | { type: 'snapshot'; file: string };

export interface RunResult {
  label: string;
  rate: number;
  seconds: number;
  sent: number;
  answered: number;
  /** every answer that arrived from the start of the measured part on (late warm-up answers too) */
  answeredSinceStart: number;
  lost: number;
  /** latency from each question's scheduled time to the bot's message, ms (measured part) */
  p50: number;
  p99: number;
  max: number;
  /** the largest stall: the highest least-latency of any 100 ms window (every question in it waited that long) */
  stall: number;
  /** latency in the first second of the run (the warm-up, not counted above) */
  firstSecondP99: number;
  firstSecondMax: number;
  /** refusals the server acked (rate limits, errors) */
  refused: number;
}

export type ClientCmd =
  | { type: 'connect'; url: string; visitors: number }
  | { type: 'run'; label: string; rate: number; seconds: number; warmup: number; lostAfter: number; seed: number }
  | { type: 'close' };

export type ClientMsg =
  | { type: 'connected'; visitors: number; failed: number; ms: number }
  | { type: 'measure-start' }
  | { type: 'result'; result: RunResult }
  | { type: 'closed' };

/** Sends a message to the parent, if there is one. */
export function tell<T>(msg: T): void {
  process.send?.(msg);
}

/** One message of `type` from a child (or the parent). */
export function waitFor<T extends { type: string }>(emitter: NodeJS.EventEmitter, type: T['type']): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: T) => {
      if (m?.type !== type) return;
      emitter.off('message', on);
      resolve(m);
    };
    emitter.on('message', on);
  });
}

export function statsNow(gc: boolean): ProcStats {
  const g = (globalThis as { gc?: () => void }).gc;
  if (gc && g) {
    g();
    g();
  }
  const m = process.memoryUsage();
  return { cpu: process.cpuUsage(), heapUsed: m.heapUsed, rss: m.rss };
}
