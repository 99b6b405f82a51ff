// Outgoing mail through the SMTP server in PORSAN_SMTP_URL (nodemailer). Without it there is no
// mailer: nothing is sent and nothing offers email.
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Threading (the email channel): this mail's Message-ID and the ones it answers, with angle brackets. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers (e.g. Auto-Submitted on the bot's own answers). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(config: { smtpUrl: string; from: string } | null, log: Logger): Mailer | null {
  if (!config) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId && { messageId: mail.messageId }),
        ...(mail.inReplyTo && { inReplyTo: mail.inReplyTo }),
        ...(mail.references?.length && { references: mail.references }),
        ...(mail.headers && { headers: mail.headers }),
      });
      log.debug({ subject: mail.subject }, 'mail sent');
    },
    close() {
      transport.close();
    },
  };
}
