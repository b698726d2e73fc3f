// Synthetic listing pages in the exact markup real servers produce (see the captured
// fixtures apache-htmltable/files.html and nginx/files.html), at any size, for the
// benchmarks and the streaming tests. Names follow the helpline case; hosts are example.com.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export interface SyntheticEntry {
  name: string;
  size: number;
  /** minutes since 2013-01-01 00:00 UTC */
  minute: number;
}

/** `count` call-recording names with phone numbers and timestamps, deterministic. */
export function helplineEntries(count: number): SyntheticEntry[] {
  const out: SyntheticEntry[] = [];
  for (let i = 0; i < count; i++) {
    const minute = 150_000 + i * 7;
    const d = new Date(Date.UTC(2013, 0, 1) + minute * 60_000);
    const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
    const phone = `+4670${pad((i * 7919) % 10_000_000, 7)}`;
    const dir = i % 2 === 0 ? "inbound" : "outbound";
    out.push({ name: `${stamp}_${phone}_${dir}.wav`, size: 200_000 + ((i * 104_729) % 3_000_000), minute });
  }
  return out;
}

function when(minute: number): Date {
  return new Date(Date.UTC(2013, 0, 1) + minute * 60_000);
}

function human(size: number): string {
  if (size < 1024) return `${size} `;
  const k = size / 1024;
  if (k < 10) return `${k.toFixed(1)}K`;
  if (k < 1024) return `${Math.round(k)}K`;
  const m = k / 1024;
  return m < 10 ? `${m.toFixed(1)}M` : `${Math.round(m)}M`;
}

/** Apache mod_autoindex, Debian's default `HTMLTable` markup. */
export function apacheHtmltablePage(path: string, entries: SyntheticEntry[]): string {
  const title = path.replace(/\/$/, "");
  const rows = entries.map((e) => {
    const d = when(e.minute);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const href = encodeURIComponent(e.name).replace(/%2B/g, "+");
    return `<tr><td valign="top"><img src="/icons/sound2.gif" alt="[SND]"></td><td><a href="${href}">${e.name}</a></td><td align="right">${date}  </td><td align="right">${human(e.size).padStart(4)}</td><td>&nbsp;</td></tr>\n`;
  });
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html>
 <head>
  <title>Index of ${title}</title>
 </head>
 <body>
<h1>Index of ${title}</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
${rows.join("")}   <tr><th colspan="5"><hr></th></tr>
</table>
<address>Apache/2.4.62 (Debian) Server at listing.example.com Port 80</address>
</body></html>
`;
}

/** nginx `autoindex on` markup: names padded to column 51, exact sizes. */
export function nginxPage(path: string, entries: SyntheticEntry[]): string {
  const rows = entries.map((e) => {
    const d = when(e.minute);
    const date = `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const href = encodeURIComponent(e.name);
    const text = e.name.length > 50 ? `${e.name.slice(0, 47)}..&gt;` : e.name;
    const padding = " ".repeat(Math.max(1, 51 - Math.min(e.name.length, 50)));
    return `<a href="${href}">${text}</a>${padding}${date} ${String(e.size).padStart(19)}\r\n`;
  });
  return `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n${rows.join("")}</pre><hr></body>\r\n</html>\r\n`;
}
