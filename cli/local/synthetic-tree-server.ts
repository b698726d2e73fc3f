// A local HTTP server whose listings describe a 2.7-million-file helpline archive that exists
// nowhere: `/medicall/YYYY/MM/DD/` for six years, every page synthesised on request in nginx
// autoindex's exact markup (50-column names, `dd-Mon-yyyy hh:mm`, sizes right-aligned in 20
// columns, CRLF lines). The number of calls a day grows by year, dips at weekends and varies
// by a hash of the date, so an estimate from a sample has something to get wrong. The exact
// totals are computed from the same function, and the server counts the requests it answers.
// `npm start` serves it as its demo exposed host, with a security.txt and a switch that takes
// the listings down (as an owner would) and puts them back.
import { createServer, type Server } from "node:http";

export interface SyntheticTree {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `/medicall/` */
  topPath: string;
  files: number;
  bytes: number;
  /** Folders below the top folder (years, months, days). */
  directories: number;
  /** Requests answered since the start (or the last `resetRequests`). */
  requests(): number;
  resetRequests(): void;
  /** Whether the listings are served (true) or answer 404, as after `autoindex off;`. */
  setExposed(on: boolean): void;
  exposed(): boolean;
  stop(): Promise<void>;
}

const FIRST_YEAR = 2013;
const YEARS = 6;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = Math.imul(h ^ p, 0x01000193) ^ (h >>> 13);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Calls recorded on a day. */
export function callsOn(y: number, m: number, d: number): number {
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const factor = weekday === 0 || weekday === 6 ? 0.7 : 1.12;
  const base = 907 + 130 * (y - FIRST_YEAR);
  return Math.round(base * factor * (0.85 + 0.3 * hash(y, m, d)));
}

function sizeOf(y: number, m: number, d: number, i: number): number {
  return 200_000 + Math.floor(hash(y, m, d, i, 7) * 2_800_000);
}

function totals(): { files: number; bytes: number; directories: number } {
  let files = 0;
  let bytes = 0;
  let directories = 0;
  for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
    directories++;
    for (let m = 1; m <= 12; m++) {
      directories++;
      for (let d = 1; d <= daysIn(y, m); d++) {
        directories++;
        const n = callsOn(y, m, d);
        files += n;
        for (let i = 0; i < n; i++) bytes += sizeOf(y, m, d, i);
      }
    }
  }
  return { files, bytes, directories };
}

function stamp(y: number, m: number, d: number, secondOfDay: number): string {
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${pad(d)}-${MONTHS[m - 1]}-${y} ${pad(hh)}:${pad(mm)}`;
}

function row(name: string, href: string, date: string, size: string): string {
  const shown = name.length > 50 ? `${name.slice(0, 47)}..&gt;` : name;
  return `<a href="${href}">${shown}</a>${" ".repeat(Math.max(1, 51 - Math.min(name.length, 50)))}${date} ${size.padStart(19)}\r\n`;
}

function page(path: string, rows: string[]): string {
  return `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n${rows.join("")}</pre><hr></body>\r\n</html>\r\n`;
}

/** The page for a path, or null (404). */
export function syntheticPage(path: string): string | null {
  const m = /^\/medicall\/(?:(\d{4})\/(?:(\d{2})\/(?:(\d{2})\/)?)?)?$/.exec(path);
  if (!m) return null;
  const [, ys, ms, ds] = m;
  if (ys === undefined) {
    const rows = [];
    for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++)
      rows.push(row(`${y}/`, `${y}/`, stamp(y, 12, 31, 86_000), "-"));
    return page(path, rows);
  }
  const y = Number(ys);
  if (y < FIRST_YEAR || y >= FIRST_YEAR + YEARS) return null;
  if (ms === undefined) {
    const rows = [];
    for (let mo = 1; mo <= 12; mo++)
      rows.push(row(`${pad(mo)}/`, `${pad(mo)}/`, stamp(y, mo, daysIn(y, mo), 86_000), "-"));
    return page(path, rows);
  }
  const mo = Number(ms);
  if (mo < 1 || mo > 12) return null;
  if (ds === undefined) {
    const rows = [];
    for (let d = 1; d <= daysIn(y, mo); d++) rows.push(row(`${pad(d)}/`, `${pad(d)}/`, stamp(y, mo, d, 86_000), "-"));
    return page(path, rows);
  }
  const d = Number(ds);
  if (d < 1 || d > daysIn(y, mo)) return null;
  const n = callsOn(y, mo, d);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const second = 6 * 3600 + Math.floor((i * 16 * 3600) / n);
    const hh = Math.floor(second / 3600);
    const mi = Math.floor((second % 3600) / 60);
    const ss = second % 60;
    const phone = `+467017406${pad(5 + (i % 95))}`;
    const name = `${y}${pad(mo)}${pad(d)}-${pad(hh)}${pad(mi)}${pad(ss)}_${phone}_${i % 3 === 2 ? "outbound" : "inbound"}.wav`;
    rows.push(row(name, name.replace("+", "%2B"), stamp(y, mo, d, second), String(sizeOf(y, mo, d, i))));
  }
  return page(path, rows);
}

export interface SyntheticTreeOptions {
  /** The body of `/.well-known/security.txt` (none by default: 404). */
  securityTxt?: string;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Answer `POST /__demo/off` and `/__demo/on` (setExposed from outside, for `npm start`). */
  controls?: boolean;
}

const NOT_FOUND =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

/** Starts the server on 127.0.0.1. */
export async function startSyntheticTree(opts: SyntheticTreeOptions = {}): Promise<SyntheticTree> {
  let requests = 0;
  let exposed = true;
  const server: Server = createServer((req, res) => {
    requests++;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (opts.controls && req.method === "POST" && (path === "/__demo/off" || path === "/__demo/on")) {
      exposed = path === "/__demo/on";
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(exposed ? "listings on\n" : "listings off (404)\n");
      return;
    }
    if (path === "/.well-known/security.txt" && opts.securityTxt !== undefined) {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", server: "nginx/1.22.1" });
      res.end(req.method === "HEAD" ? undefined : opts.securityTxt);
      return;
    }
    if (!exposed && path.startsWith("/medicall/")) {
      res.writeHead(404, { "content-type": "text/html", server: "nginx/1.22.1" });
      res.end(req.method === "HEAD" ? undefined : NOT_FOUND);
      return;
    }
    if (/^\/medicall\/\d{4}\/\d{2}\/\d{2}\/[^/]+\.wav$/.test(path)) {
      // A recording: its headers only for HEAD, one byte for a range request (never the audio).
      res.writeHead(req.headers.range ? 206 : 200, { "content-type": "audio/x-wav", "content-length": "1" });
      res.end(req.method === "HEAD" ? undefined : "R");
      return;
    }
    const body = syntheticPage(path);
    if (body === null) {
      res.writeHead(404, { "content-type": "text/html", server: "nginx/1.22.1" });
      res.end(NOT_FOUND);
      return;
    }
    res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  const t = totals();
  return {
    origin: `http://127.0.0.1:${port}`,
    topPath: "/medicall/",
    ...t,
    requests: () => requests,
    resetRequests: () => {
      requests = 0;
    },
    setExposed: (on) => {
      exposed = on;
    },
    exposed: () => exposed,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
