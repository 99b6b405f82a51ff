// Reads the support mailbox (PORSAN_IMAP_URL) with imapflow: IDLE where the server offers it
// (imapflow falls back to polling with NOOP where it does not), plus a periodic look in case a
// notice was missed; reconnects with backoff when the connection drops. Each new message (UID
// above the last one handled, within the same UIDVALIDITY) goes to `handle` once, then is marked
// \Seen. Where several nodes run, `exclusive` lets one of them at a time take a batch.
import { ImapFlow } from 'imapflow';
import type { Logger } from '../log.ts';

export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export interface ReaderDeps {
  url: string;
  pollMs: number;
  log: Logger;
  /** Handles one raw message; a throw leaves it to be tried again on the next round. */
  handle(raw: Buffer): Promise<void>;
  cursor: { get(): Promise<MailboxCursor | undefined>; put(c: MailboxCursor): Promise<void> };
  exclusive(task: () => Promise<void>): Promise<boolean>;
}

export interface MailboxReader {
  /** Look now (tests; after a notice). Resolves when the round is done. */
  check(): Promise<void>;
  close(): Promise<void>;
}

const BATCH = 50;

export function parseImapUrl(url: string): { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string } {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 993 : 143),
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export function startReader(deps: ReaderDeps): MailboxReader {
  const { log } = deps;
  const target = parseImapUrl(deps.url);
  let client: ImapFlow | null = null;
  let closed = false;
  let backoff = 1000;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  let again = false;

  const connect = async () => {
    if (closed) return;
    const c = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.pass },
      logger: false,
      maxIdleTime: deps.pollMs,
      // IDLE a second after our last command (the default waits 15 s, and new mail waits with it).
      autoIdleDelay: 1000,
      missingIdleCommand: 'NOOP',
    });
    c.on('error', (err: Error) => log.warn({ err: err.message }, 'email: IMAP connection error'));
    c.on('close', () => {
      if (client === c) client = null;
      scheduleReconnect();
    });
    c.on('exists', () => void check());
    try {
      await c.connect();
      await c.mailboxOpen(target.mailbox);
      client = c;
      backoff = 1000;
      log.info({ mailbox: target.mailbox, idle: c.capabilities.has('IDLE') }, 'email: reading the mailbox');
      void check();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'email: cannot open the mailbox; retrying');
      c.close();
    }
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, 30_000);
  };

  const processBatch = async (c: ImapFlow) => {
    const box = c.mailbox;
    if (!box) return;
    const validity = String(box.uidValidity);
    const cursor = await deps.cursor.get();
    // A new mailbox (or one whose UIDs were renumbered): what nobody has read yet.
    const fresh = !cursor || cursor.uidValidity !== validity;
    const found = fresh ? await c.search({ seen: false }, { uid: true }) : await c.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((u) => fresh || u > cursor.lastUid).sort((a, b) => a - b).slice(0, BATCH);
    let last = fresh ? Math.max(0, ...(uids.length ? [uids[0]! - 1] : [Number(box.uidNext) - 1])) : cursor.lastUid;
    for (const uid of uids) {
      const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
      if (msg && msg.source) await deps.handle(msg.source);
      await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      last = uid;
      await deps.cursor.put({ uidValidity: validity, lastUid: last });
    }
    if (fresh && uids.length === 0) await deps.cursor.put({ uidValidity: validity, lastUid: last });
    if (uids.length === BATCH) again = true;
  };

  const check = (): Promise<void> => {
    if (round) {
      again = true;
      return round;
    }
    round = (async () => {
      do {
        again = false;
        const c = client;
        if (!c || !c.usable) return;
        try {
          await deps.exclusive(async () => {
            const lock = await c.getMailboxLock(target.mailbox);
            try {
              await processBatch(c);
            } finally {
              lock.release();
            }
          });
        } catch (err) {
          log.warn({ err: err instanceof Error ? err.message : String(err) }, 'email: reading new mail failed; will try again');
        }
      } while (again && !closed);
    })().finally(() => {
      round = null;
    });
    return round;
  };

  const poll = setInterval(() => void check(), deps.pollMs);
  poll.unref();
  void connect();

  return {
    async check() {
      await check();
      await round;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await round;
      const c = client;
      client = null;
      if (c) await c.logout().catch(() => c.close());
    },
  };
}
