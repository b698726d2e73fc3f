// A hostile listing host on 127.0.0.1, for names no file system allows and listings no real
// server sends: nginx autoindex markup written byte by byte, with a Server header of markup and
// script, a security.txt whose contacts try to inject mail headers, and:
//   /odd/2013/04/09/        a megabyte name, a NUL in a name, invalid UTF-8 (raw and %FF%FE)
//   /drip/2013/04/09/       a listing that never ends: a row every few ms until the client goes
//   /drip-fetch/2013/04/09/ whole for a browser's page load, a never-ending drip for any other fetch
// Every drip connection is logged: how many bytes it was sent and how long it stayed.
import { createServer, type ServerResponse } from "node:http";
import { until } from "../../support/checks.ts";
import { megaName, recording } from "./names.ts";

export const HOSTILE_SERVER_HEADER = `<script>alert(1)</script>"><img src=x onerror=alert(1)>{{7*7}}`;
export const HOSTILE_OWNER = "security@odd.example.test";
export const VICTIM = "victim@example.test";

export interface Drip {
  path: string;
  /** `sec-fetch-dest` of the request (`document` for a page load; none from a server). */
  dest: string;
  bytes: number;
  ms: number;
  open: boolean;
}

/** The first drip connection `matches` picks, once it has closed (the client gave up on it). */
export function closedDrip(server: HostileServer, what: string, matches: (d: Drip) => boolean, ms: number) {
  return until(
    what,
    async () => {
      const d = server.drips.find(matches);
      return d && !d.open ? d : null;
    },
    ms,
  );
}

export interface HostileServer {
  origin: string;
  port: number;
  drips: Drip[];
  stop(): Promise<void>;
}

const DRIP_EVERY_MS = 5;

function row(href: Buffer | string, text: Buffer | string, i: number): Buffer {
  const size = String(480_000 + i * 7919).padStart(19);
  return Buffer.concat([
    Buffer.from(`<a href="`),
    Buffer.from(href),
    Buffer.from(`">`),
    Buffer.from(text),
    Buffer.from(`</a>${" ".repeat(4)}09-Apr-2013 08:${String(i % 60).padStart(2, "0")} ${size}\r\n`),
  ]);
}

/** nginx's display text: escaped, cut at 50 characters as nginx does. */
function shown(name: string): string {
  const cut = name.length > 50 ? `${name.slice(0, 47)}..>` : name;
  return cut.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function normal(i: number): Buffer {
  const name = recording("call", "2013-04-09", i);
  return row(encodeURIComponent(name), shown(name), i);
}

function head(path: string): Buffer {
  return Buffer.from(
    `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n`,
  );
}
const TAIL = Buffer.from("</pre><hr></body>\r\n</html>\r\n");

function oddListing(path: string): Buffer {
  const mega = megaName();
  const tail = "_20130409-085200_+46701740652_inbound.wav";
  return Buffer.concat([
    head(path),
    row(encodeURIComponent(mega), shown(mega), 1),
    row(`nul%00byte${tail}`, Buffer.from(`nul\u0000byte${tail}`), 2),
    row(`%FF%FEbad${tail}`, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`bad${tail}`)]), 3),
    row(Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(`raw${tail}`)]), Buffer.from("raw"), 4),
    normal(5),
    normal(6),
    normal(7),
    TAIL,
  ]);
}

const SECURITY_TXT = [
  `Contact: mailto:${HOSTILE_OWNER}%0d%0aBcc:%20${VICTIM}`,
  `Contact: mailto:${VICTIM},${HOSTILE_OWNER}`,
  `Contact: mailto:${HOSTILE_OWNER}?bcc=${VICTIM}&subject=%0d%0aBcc:${VICTIM}`,
  "Expires: 2099-01-01T00:00:00.000Z",
  "",
].join("\n");

export async function startHostileServer(): Promise<HostileServer> {
  const drips: Drip[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function drip(res: ServerResponse, path: string, dest: string): void {
    const log: Drip = { path, dest, bytes: 0, ms: 0, open: true };
    drips.push(log);
    const started = Date.now();
    res.writeHead(200, { "content-type": "text/html", server: HOSTILE_SERVER_HEADER });
    const first = head(path);
    res.write(first);
    log.bytes += first.length;
    let i = 0;
    const timer = setInterval(() => {
      const chunk = normal(i++);
      res.write(chunk);
      log.bytes += chunk.length;
      log.ms = Date.now() - started;
    }, DRIP_EVERY_MS);
    timers.add(timer);
    const end = () => {
      clearInterval(timer);
      timers.delete(timer);
      log.ms = Date.now() - started;
      log.open = false;
    };
    res.on("close", end);
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const dest = String(req.headers["sec-fetch-dest"] ?? "");
    if (path === "/.well-known/security.txt") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(SECURITY_TXT);
    } else if (path === "/odd/2013/04/09/") {
      res.writeHead(200, { "content-type": "text/html", server: HOSTILE_SERVER_HEADER }).end(oddListing(path));
    } else if (path.startsWith("/drip/") && path.endsWith("/")) {
      drip(res, path, dest);
    } else if (path === "/drip-fetch/2013/04/09/") {
      if (dest === "document") {
        res
          .writeHead(200, { "content-type": "text/html", server: HOSTILE_SERVER_HEADER })
          .end(Buffer.concat([head(path), normal(1), normal(2), normal(3), normal(4), TAIL]));
      } else drip(res, path, dest);
    } else {
      res.writeHead(404, { "content-type": "text/html" }).end("<title>404 Not Found</title>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    drips,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
