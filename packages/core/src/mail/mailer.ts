import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Where replies go (the person who wrote a creator message). */
  replyTo?: string | null;
  /** Stable Message-ID, so a receiving server can drop an accidental duplicate too. */
  messageId: string;
}

export interface Mailer {
  /** False when no SMTP server is configured: messages wait in the outbox. */
  readonly configured: boolean;
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

export const nullMailer: Mailer = {
  configured: false,
  send: () => Promise.reject(new Error('SMTP is not configured (set SMTP_URL)')),
  close: () => {},
};

/** SMTP through nodemailer, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    configured: true,
    async send(email) {
      const info = await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
        replyTo: email.replyTo ?? undefined,
        messageId: email.messageId,
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
