// A small SMTP submission client over Workers TCP sockets (`cloudflare:sockets`): EHLO, STARTTLS
// (587) or implicit TLS (465), AUTH PLAIN or LOGIN, MAIL/RCPT/DATA with dot-stuffing, QUIT.
import { connect } from "cloudflare:sockets";
import type { Outgoing, SendResult, Transport } from "./types.ts";

export interface SmtpOptions {
  host: string;
  port: number;
  /** `tls`: implicit TLS (465); `starttls`: upgrade after EHLO (587); `plain`: local tests only. */
  security: "tls" | "starttls" | "plain";
  user?: string;
  password?: string;
  /** The name we greet with (EHLO). */
  helo: string;
  timeoutMs?: number;
}

class SmtpError extends Error {
  readonly code: number;
  readonly stage: string;
  constructor(code: number, stage: string, text: string) {
    super(`${stage}: ${code} ${text}`);
    this.code = code;
    this.stage = stage;
  }
}

const enc = new TextEncoder();
const b64 = (s: string) => {
  let bin = "";
  for (const b of enc.encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
};

interface Conn {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  writer: WritableStreamDefaultWriter<Uint8Array>;
  buffer: string;
}

function open(socket: Socket): Conn {
  return { reader: socket.readable.getReader(), writer: socket.writable.getWriter(), buffer: "" };
}

async function reply(c: Conn, stage: string): Promise<{ code: number; lines: string[] }> {
  const decoder = new TextDecoder();
  const lines: string[] = [];
  for (;;) {
    const nl = c.buffer.indexOf("\r\n");
    if (nl >= 0) {
      const line = c.buffer.slice(0, nl);
      c.buffer = c.buffer.slice(nl + 2);
      lines.push(line);
      if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) return { code: Number(line.slice(0, 3)), lines };
      if (!/^\d{3}-/.test(line)) throw new SmtpError(0, stage, `malformed reply ${JSON.stringify(line)}`);
      continue;
    }
    const { done, value } = await c.reader.read();
    if (done) throw new SmtpError(0, stage, "connection closed");
    c.buffer += decoder.decode(value, { stream: true });
  }
}

async function command(c: Conn, line: string, stage: string, expect: number[]): Promise<string[]> {
  await c.writer.write(enc.encode(`${line}\r\n`));
  const r = await reply(c, stage);
  if (!expect.includes(r.code)) throw new SmtpError(r.code, stage, r.lines.join(" | ").slice(0, 300));
  return r.lines;
}

/** Dot-stuffing (RFC 5321 §4.5.2) on CRLF-normalised text, ended by the lone dot. */
export function dataBlock(raw: string): string {
  const crlf = raw.replace(/\r?\n/g, "\r\n");
  const stuffed = crlf.replace(/(^|\r\n)\./g, "$1..");
  return `${stuffed}${stuffed.endsWith("\r\n") ? "" : "\r\n"}.\r\n`;
}

async function session(o: SmtpOptions, m: Outgoing): Promise<string> {
  let socket = connect(
    { hostname: o.host, port: o.port },
    {
      secureTransport: o.security === "tls" ? "on" : o.security === "starttls" ? "starttls" : "off",
      allowHalfOpen: false,
    },
  );
  let c = open(socket);
  try {
    const greet = await reply(c, "greeting");
    if (greet.code !== 220) throw new SmtpError(greet.code, "greeting", greet.lines.join(" "));
    let ehlo = await command(c, `EHLO ${o.helo}`, "EHLO", [250]);
    if (o.security === "starttls") {
      await command(c, "STARTTLS", "STARTTLS", [220]);
      c.reader.releaseLock();
      c.writer.releaseLock();
      socket = socket.startTls();
      c = open(socket);
      ehlo = await command(c, `EHLO ${o.helo}`, "EHLO", [250]);
    }
    if (o.user && o.password) {
      const auth = ehlo.find((l) => /^250[- ]AUTH[ =]/i.test(l))?.toUpperCase() ?? "";
      if (/\bPLAIN\b/.test(auth) || !/\bLOGIN\b/.test(auth)) {
        await command(c, `AUTH PLAIN ${b64(`\u0000${o.user}\u0000${o.password}`)}`, "AUTH", [235]);
      } else {
        await command(c, "AUTH LOGIN", "AUTH", [334]);
        await command(c, b64(o.user), "AUTH", [334]);
        await command(c, b64(o.password), "AUTH", [235]);
      }
    }
    await command(c, `MAIL FROM:<${m.from}>`, "MAIL", [250]);
    await command(c, `RCPT TO:<${m.to}>`, "RCPT", [250, 251]);
    await command(c, "DATA", "DATA", [354]);
    await c.writer.write(enc.encode(dataBlock(m.raw)));
    const done = await reply(c, "DATA");
    if (done.code !== 250) throw new SmtpError(done.code, "DATA", done.lines.join(" "));
    await command(c, "QUIT", "QUIT", [221]).catch(() => undefined);
    return m.messageId;
  } finally {
    try {
      await socket.close();
    } catch {
      // already closed
    }
  }
}

export function smtpTransport(o: SmtpOptions): Transport {
  return {
    name: "smtp",
    async send(m: Outgoing): Promise<SendResult> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SmtpError(0, "timeout", "no answer in time")), o.timeoutMs ?? 30_000);
        });
        return { ok: true, messageId: await Promise.race([session(o, m), timeout]) };
      } catch (err) {
        if (err instanceof SmtpError) {
          // 5xx on the recipient or the message is a bounce; anything else may pass later.
          const permanent = err.code >= 500 && (err.stage === "RCPT" || err.stage === "DATA" || err.stage === "MAIL");
          return { ok: false, permanent, error: err.message };
        }
        return { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    },
  };
}
