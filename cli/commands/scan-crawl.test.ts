import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "./scan-crawl.ts";

// A listing that never ends, served by a real local HTTP server: nginx autoindex rows, one
// every 5 ms, until the client goes. The scan must give it up at its page deadline (headers
// and body), as a failed page, and close the connection.

const HEAD = (path: string) =>
  `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n`;
const row = (name: string, i: number) =>
  `<a href="${name}">${name}</a>    09-Apr-2013 08:${String(i % 60).padStart(2, "0")}  ${String(480_000 + i).padStart(19)}\r\n`;
const TAIL = "</pre><hr></body>\r\n</html>\r\n";
const call = (i: number) => `20130409-0852${String(i).padStart(2, "0")}_+46701740652_inbound.wav`;

interface DripLog {
  path: string;
  bytes: number;
  closed: boolean;
}

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(drips: string[]): Promise<{ origin: string; logs: DripLog[] }> {
  const logs: DripLog[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    if (drips.includes(path)) {
      const log: DripLog = { path, bytes: 0, closed: false };
      logs.push(log);
      res.writeHead(200, { "content-type": "text/html" });
      res.write(HEAD(path));
      let i = 0;
      const t = setInterval(() => {
        const chunk = row(call(i), i++);
        log.bytes += chunk.length;
        res.write(chunk);
      }, 5);
      res.on("close", () => {
        clearInterval(t);
        log.closed = true;
      });
    } else if (path === "/calls/") {
      const files = Array.from({ length: 6 }, (_, i) => row(call(i), i)).join("");
      res.writeHead(200, { "content-type": "text/html" }).end(`${HEAD(path)}${row("sub/", 0)}${files}${TAIL}`);
    } else res.writeHead(404, { "content-type": "text/html" }).end("<title>404 Not Found</title>");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, logs };
}

const closed = async (logs: DripLog[]) => {
  for (let i = 0; i < 100 && !logs.every((l) => l.closed); i++) await new Promise((r) => setTimeout(r, 20));
  return logs.every((l) => l.closed);
};

describe("scan on a listing that never ends", () => {
  it("gives the root up at its page deadline: not reproducible, the connection closed", async () => {
    const { origin, logs } = await serve(["/calls/"]);
    const r = await scan(`${origin}/calls/`, { delayMs: 0, allowLoopback: true, timeoutMs: 500 });
    expect(r.outcome).toBe("not_reproducible");
    expect(r.reason).toMatch(/^fetch failed: the listing did not end within 0\.5 s \(\d+ bytes read\)$/);
    expect(r.requests).toBe(1);
    expect(logs.length).toBe(1);
    expect(await closed(logs)).toBe(true);
  });

  it("counts a never-ending subfolder as a failed page and finishes the crawl", async () => {
    const { origin, logs } = await serve(["/calls/sub/"]);
    const r = await scan(`${origin}/calls/`, { delayMs: 0, allowLoopback: true, timeoutMs: 500 });
    expect(r.outcome).toBe("verified");
    expect(r.pages).toMatchObject({ read: 1, failed: 1 });
    expect(r.summary.files).toBe(6);
    expect(logs.map((l) => l.path)).toEqual(["/calls/sub/"]);
    expect(await closed(logs)).toBe(true);
  });
});
