/** Runs `task` now, or — if it ran less than `ms` ago or is running — once more after that. */
export function coalesce(task: () => Promise<void>, ms: number): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const run = async () => {
    timer = null;
    running = true;
    last = Date.now();
    try {
      await task();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(() => void run(), Math.max(0, last + ms - Date.now()));
    timer.unref();
  };
  return schedule;
}
