// A real SMTP server for tests (smtp-server on 127.0.0.1, a free port) and a minimal reader of
// the MIME messages nodemailer writes, so tests assert what a mail server actually received.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// --- a local SMTP server ----------------------------------------------------------------------

export type Received = {
  envelopeTo: string[];
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Parts sent as attachments (nested multiparts are read too). */
  attachments: { filename: string; contentType: string; content: string }[];
};

export type Smtp = { port: number; messages: Received[]; close(): Promise<void> };

export async function startSmtp(
  port = 0,
  opts: { delayMs?: number; onMessage?: (mail: Received) => void } = {},
): Promise<Smtp> {
  const messages: Received[] = [];
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("nobody@")) {
        return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail = parseMail(Buffer.concat(chunks).toString("latin1"));
        const received = { ...mail, envelopeTo: session.envelope.rcptTo.map((r) => r.address) };
        messages.push(received);
        opts.onMessage?.(received);
        n += 1;
        setTimeout(() => callback(null, `queued as Q${n}`), opts.delayMs ?? 0);
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A minimal MIME reader for what nodemailer writes: headers with encoded words, and a
// multipart/alternative body of quoted-printable or base64 parts.
export function parseMail(raw: string): Omit<Received, "envelopeTo"> {
  const part = (chunk: string) => {
    const at = chunk.indexOf("\r\n\r\n");
    const headerText = chunk.slice(0, at).replace(/\r\n[ \t]+/g, " ");
    const headers = new Map<string, string>();
    for (const line of headerText.split("\r\n")) {
      const colon = line.indexOf(":");
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    return { headers, body: chunk.slice(at + 4) };
  };
  const bytes = (latin1: string) => Buffer.from(latin1, "latin1");
  const decodeWords = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, "?==?")
      .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, enc: string, data: string) =>
        enc.toUpperCase() === "B"
          ? Buffer.from(data, "base64").toString("utf8")
          : bytes(
              data
                .replace(/_/g, " ")
                .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            ).toString("utf8"),
      );
  const decodeBody = (p: ReturnType<typeof part>) => {
    const cte = (p.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
    if (cte === "base64") return Buffer.from(p.body, "base64").toString("utf8");
    if (cte === "quoted-printable") {
      return bytes(
        p.body
          .replace(/=\r\n/g, "")
          .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      ).toString("utf8");
    }
    return bytes(p.body).toString("utf8");
  };
  const top = part(raw);
  let text = "";
  let html = "";
  const attachments: Received["attachments"] = [];
  const read = (p: ReturnType<typeof part>) => {
    const type = p.headers.get("content-type") ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    if (type.startsWith("multipart/") && boundary) {
      for (const child of p.body.split(`--${boundary}`).slice(1, -1)) read(part(child.replace(/^\r\n/, "")));
      return;
    }
    const disposition = p.headers.get("content-disposition") ?? "";
    if (disposition.startsWith("attachment")) {
      const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? "";
      attachments.push({ filename, contentType: type, content: decodeBody(p) });
    } else if (type.startsWith("text/html")) html = decodeBody(p);
    else if (type.startsWith("text/plain")) text = decodeBody(p);
  };
  read(top);
  return {
    messageId: top.headers.get("message-id") ?? "",
    from: decodeWords(top.headers.get("from") ?? ""),
    to: top.headers.get("to") ?? "",
    subject: decodeWords(top.headers.get("subject") ?? ""),
    text,
    html,
    attachments,
  };
}

export async function freePort(): Promise<number> {
  const s = await startSmtp();
  await s.close();
  return s.port;
}
