// A real SMTP server in the test process (smtp-server), whose mails are parsed with mailparser:
// what Porsan sends is read back as a mail client would.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The raw message as received (for headers a test checks by hand). */
  raw: string;
}

export interface Inbox {
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));

/** `reject`: recipients the server refuses (a delivery failure the sender must see). */
export async function startSmtp(opts: { reject?: (address: string) => boolean } = {}): Promise<Inbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.reject?.(address.address)) return callback(Object.assign(new Error('550 5.1.1 No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            const refs = mail.references;
            mails.push({
              from: mail.from?.text ?? '',
              to: addresses(mail.to),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              messageId: mail.messageId ?? null,
              inReplyTo: mail.inReplyTo ?? null,
              references: Array.isArray(refs) ? refs : refs ? [refs] : [],
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
