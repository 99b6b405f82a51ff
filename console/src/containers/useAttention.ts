// Tells the agent something needs them: a beep, a browser notification and a count in the tab title,
// for a newly queued conversation or a new visitor message in one of their conversations.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n.ts';
import { beep, notificationPermission, requestNotificationPermission, setTitleCount, showNotification, unlockAudioOnGesture, type NotifyPermission } from '../lib/notify.ts';
import type { WorkspaceState } from '../state.ts';

const SOUND_KEY = 'porsan.console.sound';

function loadSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export interface Attention {
  sound: boolean;
  toggleSound: () => void;
  permission: NotifyPermission;
  requestPermission: () => void;
}

/** `enabled`: false for editors, who do not work conversations. */
export function useAttention(state: WorkspaceState, t: Translate, onOpen: (id: string) => void, enabled = true): Attention {
  const [sound, setSound] = useState(loadSound);
  const [permission, setPermission] = useState(notificationPermission);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const seenQueue = useRef<Set<string> | null>(null);
  const lastUnread = useRef<Record<string, number>>({});

  useEffect(() => unlockAudioOnGesture(), []);

  // New conversations in the queue (not the ones already there when we connected).
  useEffect(() => {
    if (!enabled || state.agent === null || state.connection !== 'online') return;
    const ids = new Set(state.queue.map((c) => c.id));
    const before = seenQueue.current;
    seenQueue.current = ids;
    if (before === null) return;
    const fresh = state.queue.filter((c) => !before.has(c.id));
    if (fresh.length === 0) return;
    if (soundRef.current) beep(880);
    const c = fresh[0];
    showNotification(t('notifyQueued'), c.firstQuestion ?? c.pageUrl ?? '', 'queue-' + c.id, () => onOpen(c.id));
  }, [state.queue, state.connection]);

  // New unread visitor messages in my conversations, or a conversation newly assigned to me.
  const mineIds = useRef<Set<string>>(new Set());
  useEffect(() => {
    const before = lastUnread.current;
    const knewMine = mineIds.current;
    lastUnread.current = state.unread;
    mineIds.current = new Set(state.mine.map((c) => c.id));
    for (const [id, n] of Object.entries(state.unread)) {
      if (n <= (before[id] ?? 0)) continue;
      if (soundRef.current) beep(660);
      const c = state.mine.find((x) => x.id === id);
      const title = knewMine.has(id) ? t('notifyMessage', { name: c?.visitorName ?? t('visitor') }) : t('notifyAssigned');
      showNotification(title, c?.lastMessage ?? c?.firstQuestion ?? '', 'msg-' + id, () => onOpen(id));
      break;
    }
  }, [state.unread, state.mine]);

  const total = enabled ? state.queue.length + Object.values(state.unread).reduce((a, b) => a + b, 0) : 0;
  useEffect(() => setTitleCount(t('appName'), total), [total, t]);

  return {
    sound,
    toggleSound: () => {
      const next = !sound;
      setSound(next);
      try {
        localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
      } catch {
        // not persisted; fine for this page
      }
    },
    permission,
    requestPermission: () => void requestNotificationPermission().then(setPermission),
  };
}
