// A private Dovecot IMAP server for one test file: its own config, passwd-file and maildir in a
// temp dir, on an ephemeral port on 127.0.0.1 (plain login allowed there), never the system service.
// Works as root (mail is owned by Debian's `dovecot` user) and as an ordinary user (all of it runs
// as that user). Test mail is delivered as a mail server would leave it: IMAP APPEND.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './process.ts';
import { until } from './wait.ts';

const DOVECOT = ['/usr/sbin/dovecot', 'dovecot'].find((bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0) ?? null;
export const HAVE_DOVECOT = DOVECOT !== null;
export const NO_DOVECOT_MESSAGE = 'Dovecot is not installed (apt-get install dovecot-imapd; .ci/run does it): the email channel tests are skipped';

export interface PrivateImap {
  /** imap://user:pass@127.0.0.1:port/INBOX — what PORSAN_IMAP_URL takes. */
  url: string;
  port: number;
  user: string;
  password: string;
  /** Delivers a raw RFC 5322 message into the mailbox (APPEND). */
  deliver(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** The messages in a mailbox, with their flags (what Porsan marked as read). */
  list(mailbox?: string): Promise<{ uid: number; flags: string[]; subject: string }[]>;
  /** Stops the server (dropping every connection) and starts it again on the same port, mail kept. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Owner {
  internal: string;
  login: string;
  uid: number;
  gid: number;
}

function owner(): Owner {
  const me = userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, uid: me.uid, gid: me.gid };
  // As root, Dovecot refuses to hand mail to uid 0: the package's own users do the work.
  const id = (flag: string, user: string) => Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  return { internal: 'dovecot', login: 'dovenull', uid: id('-u', 'dovecot'), gid: id('-g', 'dovecot') };
}

export async function startPrivateImap(): Promise<PrivateImap> {
  if (!DOVECOT) throw new Error(NO_DOVECOT_MESSAGE);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'porsan-imap-'));
  chmodSync(dir, 0o755); // the login and mail processes run as other users and must reach their files
  const who = owner();
  const user = 'support';
  const password = 'mailbox-secret';
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  if (userInfo().uid === 0) chownSync(mailDir, who.uid, who.gid);
  writeFileSync(join(dir, 'users'), `${user}:{PLAIN}${password}:${who.uid}:${who.gid}::${join(mailDir, user)}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
instance_name = porsan-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${join(dir, 'dovecot.log')}
default_internal_user = ${who.internal}
default_login_user = ${who.login}
first_valid_uid = 1
mailbox_idle_check_interval = 1 secs
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, 'users')}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${join(dir, 'users')}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  let out = '';
  let proc: ChildProcess | null = null;
  const log = () => out + (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
  const withClient = async <T>(work: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = client();
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  const launch = async () => {
    const p = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = p;
    p.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(
        async () => {
          if (p.exitCode !== null) throw new Error(`dovecot exited during start:\n${log()}`);
          return withClient(async () => true).catch(() => false);
        },
        'the private Dovecot to accept a login',
        20_000,
      );
    } catch (err) {
      p.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${log()}`);
    }
  };
  const halt = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGTERM'); // the master stops its children (and their connections) itself
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  };
  await launch();

  return {
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    port,
    user,
    password,
    deliver: (raw, mailbox = 'INBOX') => withClient(async (c) => void (await c.append(mailbox, raw))),
    list: (mailbox = 'INBOX') =>
      withClient(async (c) => {
        const lock = await c.getMailboxLock(mailbox);
        try {
          const found: { uid: number; flags: string[]; subject: string }[] = [];
          if (!(c.mailbox && c.mailbox.exists)) return found;
          for await (const m of c.fetch('1:*', { uid: true, flags: true, envelope: true })) found.push({ uid: m.uid, flags: [...(m.flags ?? [])], subject: m.envelope?.subject ?? '' });
          return found;
        } finally {
          lock.release();
        }
      }),
    async restart(downMs = 0) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
