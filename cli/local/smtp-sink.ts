// A real SMTP server on 127.0.0.1 (the smtp-server package) that accepts and keeps what it is
// sent, parsed with mailparser; an HTTP side door lets tests inside workerd read the messages
// (GET /messages), clear them (DELETE /messages), make addresses bounce (POST /reject) and
// choose the AUTH mechanisms advertised (POST /auth-methods); GET / is a page for people
// showing what was sent (`npm start` prints its address).
import { createServer as createHttpServer } from "node:http";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { renderMailPage } from "./mail-page.ts";

export interface SinkMessage {
  envelope: { from: string; to: string[] };
  user: string | null;
  /** The SASL mechanism the client used (PLAIN, LOGIN), or null without AUTH. */
  authMethod: string | null;
  raw: string;
  subject: string;
  from: string;
  to: string;
  replyTo: string;
  messageId: string;
  inReplyTo: string | null;
  headers: Record<string, string>;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface SmtpSink {
  smtpPort: number;
  httpUrl: string;
  messages: SinkMessage[];
  stop(): Promise<void>;
}

export const SINK_USER = "indexwatch";
export const SINK_PASSWORD = "sink-password";

/** The Worker's mail settings that send through this sink (plaintext SMTP with AUTH). */
export function sinkMailVars(sink: Pick<SmtpSink, "smtpPort">): Record<string, string> {
  return {
    MAIL_TRANSPORT: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(sink.smtpPort),
    SMTP_SECURITY: "plain",
    SMTP_USER: SINK_USER,
    SMTP_PASSWORD: SINK_PASSWORD,
    MAIL_FROM: "Indexwatch <notices@indexwatch.example.test>",
    MAIL_REPLY_TO: "disclosure@indexwatch.example.test",
  };
}

function flatten(
  p: ParsedMail,
  raw: string,
  envelope: SinkMessage["envelope"],
  user: string | null,
  authMethod: string | null,
): SinkMessage {
  const addr = (a: ParsedMail["to"]) => (Array.isArray(a) ? a.map((x) => x.text).join(", ") : (a?.text ?? ""));
  const headers: Record<string, string> = {};
  for (const [k, v] of p.headers) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
  return {
    envelope,
    user,
    authMethod,
    raw,
    subject: p.subject ?? "",
    from: addr(p.from),
    to: addr(p.to),
    replyTo: addr(p.replyTo),
    messageId: p.messageId ?? "",
    inReplyTo: p.inReplyTo ?? null,
    headers,
    text: p.text ?? "",
    html: typeof p.html === "string" ? p.html : "",
    attachments: p.attachments.map((a) => ({
      filename: a.filename ?? "",
      contentType: a.contentType,
      content: a.content.toString("utf8"),
    })),
  };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const rejected = new Set<string>();
  const methods = new Map<string, string>();
  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, session, cb) {
      methods.set(session.id, auth.method);
      if (auth.username === SINK_USER && auth.password === SINK_PASSWORD) cb(null, { user: auth.username });
      else cb(new Error("535 authentication failed"));
    },
    onRcptTo(address, _session, cb) {
      if (rejected.has(address.address.toLowerCase())) {
        const err = new Error("550 5.1.1 mailbox unavailable") as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const user = (session.user as string | undefined) ?? null;
        messages.push(flatten(await simpleParser(raw), raw, envelope, user, methods.get(session.id) ?? null));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const http = createHttpServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/messages" && req.method === "DELETE") {
      messages.length = 0;
      rejected.clear();
      res.writeHead(204).end();
    } else if (path === "/" && (req.method === "GET" || req.method === "HEAD")) {
      res
        .writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
          "cache-control": "no-store",
        })
        .end(req.method === "HEAD" ? undefined : renderMailPage(messages));
    } else if (path === "/messages") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
    } else if (path === "/auth-methods" && req.method === "POST") {
      // The mechanisms EHLO advertises from now on (read by the server at each EHLO).
      let body = "";
      for await (const c of req) body += c;
      smtp.options.authMethods = (JSON.parse(body) as { methods: string[] }).methods;
      res.writeHead(204).end();
    } else if (path === "/reject" && req.method === "POST") {
      let body = "";
      for await (const c of req) body += c;
      rejected.add(String((JSON.parse(body) as { address: string }).address).toLowerCase());
      res.writeHead(204).end();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  return {
    smtpPort,
    httpUrl,
    messages,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
