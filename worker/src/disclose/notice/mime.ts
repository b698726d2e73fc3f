// RFC 5322 / MIME: multipart/mixed holding multipart/alternative (text + HTML) and attachments.
// UTF-8 bodies in base64 with 76-character lines; non-ASCII headers as RFC 2047 words.

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessage {
  from: string;
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The case's thread root: every notice of a case refers to it so that they thread. */
  threadId: string;
  date: number;
  attachments: Attachment[];
  headers: Record<string, string>;
}

function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function wrap76(s: string): string {
  return s.replace(/.{1,76}/g, "$&\r\n");
}

/** An RFC 2047 encoded word when the value is not plain ASCII. */
export function headerValue(v: string): string {
  if (/^[\x20-\x7e]*$/.test(v)) return v;
  return v
    .match(/[\s\S]{1,30}/gu)
    ?.map((part) => `=?UTF-8?B?${base64Utf8(part)}?=`)
    .join("\r\n ") as string;
}

const rfc5322Date = (ms: number) => new Date(ms).toUTCString().replace("GMT", "+0000");

export function buildMime(m: MailMessage, boundarySeed: string): string {
  const mixed = `mixed-${boundarySeed}`;
  const alt = `alt-${boundarySeed}`;
  const head: [string, string][] = [
    ["From", m.from],
    ["To", m.to],
    ["Reply-To", m.replyTo],
    ["Subject", headerValue(m.subject)],
    ["Date", rfc5322Date(m.date)],
    ["Message-ID", m.messageId],
    ["Auto-Submitted", "auto-generated"],
    ["MIME-Version", "1.0"],
    ["Content-Type", `multipart/mixed; boundary="${mixed}"`],
  ];
  if (m.messageId !== m.threadId) {
    head.splice(6, 0, ["In-Reply-To", m.threadId], ["References", m.threadId]);
  }
  for (const [k, v] of Object.entries(m.headers)) head.push([k, headerValue(v)]);
  const lines: string[] = head.map(([k, v]) => `${k}: ${v}`);
  lines.push(
    "",
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    wrap76(base64Utf8(m.text)),
    `--${alt}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    wrap76(base64Utf8(m.html)),
    `--${alt}--`,
    "",
  );
  for (const a of m.attachments) {
    lines.push(
      `--${mixed}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      "Content-Transfer-Encoding: base64",
      "",
      wrap76(base64Utf8(a.content)),
    );
  }
  lines.push(`--${mixed}--`, "");
  return lines.join("\r\n");
}

/** The bare address of `Name <a@b>` or `a@b`. */
export function bareAddress(s: string): string {
  const m = /<([^>]+)>/.exec(s);
  return (m?.[1] ?? s).trim();
}
