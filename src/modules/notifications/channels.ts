// Delivery channels behind small interfaces, so the worker does not know how a message leaves:
// e-mail over SMTP (nodemailer) or into the log, SMS into the log (a real SMS gateway is one
// more SmsSender). Drivers are chosen from the settings by createChannels.
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { BaseLogger } from "pino";
import { maskEmail, maskPhone } from "../../shared/mask.ts";
import type { MailAttachment } from "./templates.ts";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Files sent with the message (a booking's .ics), UTF-8 text. */
  attachments?: MailAttachment[];
};
export type SmsMessage = { to: string; text: string };
export type SendResult = { providerId: string };

export interface MailSender {
  send(msg: MailMessage): Promise<SendResult>;
  /** Releases connections, if the driver keeps any. */
  close?(): void;
}

export interface SmsSender {
  send(msg: SmsMessage): Promise<SendResult>;
  close?(): void;
}

export type ChannelLogger = Pick<BaseLogger, "info" | "warn" | "error" | "debug">;

/**
 * A refusal that sending again would get again (an SMTP 5xx reply such as "no such mailbox",
 * an invalid phone number): the worker marks the row failed at once instead of backing off.
 */
export class PermanentSendError extends Error {
  override name = "PermanentSendError";
}

export type SmtpOptions = {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://host:465` (implicit TLS). */
  url: string;
  /** The From header, e.g. `Một cửa <no-reply@motcua.local>`. */
  from: string;
  /** Upper bound for one message, connection included (default 60 s). */
  sendTimeoutMs?: number;
};

/** E-mail over SMTP with nodemailer; one connection per message. */
export function createSmtpMailSender(opts: SmtpOptions): MailSender {
  const transport = nodemailer.createTransport({
    url: opts.url,
    // nodemailer's defaults wait minutes (2 min to connect, 10 min idle); a stuck server must
    // not hold a claimed batch past its lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const sendTimeoutMs = opts.sendTimeoutMs ?? 60_000;
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          messageId: msg.messageId,
          ...(msg.attachments?.length
            ? {
                attachments: msg.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.contentType,
                  content: a.content,
                })),
              }
            : {}),
          // RFC 3834: tells auto-responders (out-of-office) not to answer.
          headers: { "Auto-Submitted": "auto-generated" },
          signal: AbortSignal.timeout(sendTimeoutMs),
        });
        // "250 2.0.0 Ok: queued as 4F1A2B3C" → the server's queue id, to find it in its logs.
        const queued = /queued as ([^\s]+)/i.exec(info.response ?? "")?.[1];
        return { providerId: queued ?? info.messageId };
      } catch (err) {
        // nodemailer marks SMTP replies that retrying would get again (5xx except 503).
        if ((err as { permanent?: boolean }).permanent === true) {
          throw new PermanentSendError((err as Error).message, { cause: err });
        }
        throw err;
      }
    },
    close: () => transport.close(),
  };
}

/** E-mail "sent" to the log (no SMTP_URL): development and demo without a mail server. */
export function createLogMailSender(logger: ChannelLogger): MailSender {
  return {
    async send(msg) {
      const providerId = `log-${randomUUID()}`;
      logger.info(
        {
          channel: "email",
          to: maskEmail(msg.to),
          subject: msg.subject,
          messageId: msg.messageId,
          ...(msg.attachments?.length ? { attachments: msg.attachments.map((a) => a.filename) } : {}),
          providerId,
        },
        "e-mail not sent (no SMTP_URL): logged instead",
      );
      return { providerId };
    },
  };
}

/** The `log` SMS driver: writes the message to the log, the phone number masked. */
export function createLogSmsSender(logger: ChannelLogger): SmsSender {
  return {
    async send(msg) {
      const providerId = `log-${randomUUID()}`;
      logger.info({ channel: "sms", to: maskPhone(msg.to), text: msg.text, providerId }, "SMS (log driver)");
      return { providerId };
    },
  };
}

export type ChannelSettings = { smtpUrl: string | undefined; mailFrom: string; smsDriver: "log" };

/** The drivers the settings ask for: SMTP when SMTP_URL is set, else the log; SMS by SMS_DRIVER. */
export function createChannels(
  settings: ChannelSettings,
  logger: ChannelLogger,
): { mail: MailSender; sms: SmsSender } {
  const mail = settings.smtpUrl
    ? createSmtpMailSender({ url: settings.smtpUrl, from: settings.mailFrom })
    : createLogMailSender(logger);
  const sms = createLogSmsSender(logger);
  return { mail, sms };
}
