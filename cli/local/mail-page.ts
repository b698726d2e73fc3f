// The page `npm start` shows of what the SMTP sink received: newest first, each message's
// subject, envelope recipients, date, plain text and the owner's link found in it. Every value
// is escaped (notices quote listing URLs and redacted names). It refreshes itself every 5 s.
import type { SinkMessage } from "./smtp-sink.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The owner's page link in a notice (`…/o/<token>`), or null. */
export function ownerLink(text: string): string | null {
  return /(https?:\/\/[^\s/]+\/o\/[A-Za-z0-9_-]{20,128})/.exec(text)?.[1] ?? null;
}

/** The Date header as ISO 8601 (the sink keeps non-text header values JSON-encoded), or "". */
function dateOf(m: SinkMessage): string {
  const raw = m.headers.date ?? "";
  const d = new Date(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

function message(m: SinkMessage, n: number): string {
  const link = ownerLink(m.text);
  const date = dateOf(m);
  return `<article>
<h2>${n}. ${escapeHtml(m.subject || "(no subject)")}</h2>
<dl>
<dt>To</dt><dd>${escapeHtml(m.envelope.to.join(", "))}</dd>
<dt>From</dt><dd>${escapeHtml(m.from)}</dd>
<dt>Date</dt><dd>${escapeHtml(date)}</dd>
<dt>Owner's page</dt><dd>${link ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : "—"}</dd>
<dt>Attachments</dt><dd>${escapeHtml(m.attachments.map((a) => `${a.filename} (${a.contentType})`).join(", ") || "—")}</dd>
</dl>
<pre>${escapeHtml(m.text)}</pre>
</article>`;
}

export function renderMailPage(messages: readonly SinkMessage[]): string {
  const list = messages
    .map((m, i) => ({ m, n: i + 1 }))
    .reverse()
    .map(({ m, n }) => message(m, n))
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Indexwatch — mail sent (${messages.length})</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
article { border: 1px solid #ccc; border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
dt { font-weight: 600; float: left; clear: left; width: 9rem; }
dd { margin-left: 9rem; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .75rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>Mail sent by the local Worker</h1>
<p>Every message the Worker sent to the local SMTP sink (nothing leaves this machine). Newest first; this page refreshes every 5 seconds.</p>
${messages.length === 0 ? "<p><em>Nothing sent yet.</em> A verified report's notice appears here.</p>" : list}
</body>
</html>
`;
}
