// Outgoing mail through the SMTP server in PORSAN_SMTP_URL (nodemailer). Without it there is no
// mailer: nothing is sent and nothing offers email.
import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
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
      await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
      log.debug({ subject: mail.subject }, 'mail sent');
    },
    close() {
      transport.close();
    },
  };
}
