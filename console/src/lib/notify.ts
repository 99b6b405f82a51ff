// Getting an agent's attention: a short beep, a browser notification, a count in the tab title.

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audio ??= new AudioContext();
  return audio;
}

/** Browsers start audio suspended until a user gesture; call once at startup. */
export function unlockAudioOnGesture(): () => void {
  const unlock = () => {
    const ctx = audioContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume();
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
  return () => {
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
}

/** Counts beeps for tests and diagnostics (window.__porsanBeeps). */
declare global {
  interface Window {
    __porsanBeeps?: number;
  }
}

export function beep(frequency = 880, durationMs = 160): void {
  window.__porsanBeeps = (window.__porsanBeeps ?? 0) + 1;
  const ctx = audioContext();
  if (!ctx || ctx.state !== 'running') return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  const t = ctx.currentTime;
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + durationMs / 1000);
  osc.connect(gain).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + durationMs / 1000 + 0.02);
}

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotificationPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a system notification when allowed; clicking it focuses the console and calls onClick. */
export function showNotification(title: string, body: string, tag: string, onClick?: () => void): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the beep and title still work.
  }
}

export function setTitleCount(base: string, count: number): void {
  document.title = count > 0 ? `(${count}) ${base}` : base;
}
