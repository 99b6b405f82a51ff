// A short chime for new messages while the panel is closed or the tab hidden. Only one tab
// of the site plays it: the one holding the "porsan:sound" Web Lock (the others wait for it).
let leader = typeof navigator === 'undefined' || !navigator.locks;
if (!leader) {
  void navigator.locks.request('porsan:sound', () => {
    leader = true;
    return new Promise<void>(() => {}); // hold it for the life of the tab
  });
}

let ctx: AudioContext | undefined;

export function chime(): void {
  // Without Web Locks, fall back to "the visible tab plays".
  if (!leader || (!navigator.locks && document.hidden)) return;
  try {
    ctx ||= new AudioContext();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = 880;
    g.gain.setValueAtTime(0.08, ctx.currentTime);
    g.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.25);
  } catch {
    /* no audio: fine */
  }
}
