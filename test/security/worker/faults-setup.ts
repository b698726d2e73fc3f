// Global setup of the fault tests (Node): real nginx serving a helpline-like tree behind a
// small HTTP proxy on 127.0.0.1 that can cut a page off halfway and drop the connection, and
// a real SMTP sink, also reached through a TCP gate that can be shut (connections refused) and
// opened again on the same port. Tests inside workerd arm the faults through the proxy's
// `/__faults/*`: cut the next pages of one host, take one host's listings down (404).
// The proxy answers every host's `/.well-known/security.txt` itself, naming an owner address
// made from the host (`owner@<host>`), so that each case has its own mailbox in the sink.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import { connect, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startSmtpSink } from "../../../cli/local/smtp-sink.ts";
import { makeHelplineTree } from "../../support/helpline-tree.ts";
import { startNginx } from "../../support/real-servers.ts";

export interface FaultServers {
  /** `127.0.0.1:<port>` of the proxy (a HOST_RESOLVER_RULES target). */
  proxy: string;
  tree: { topPath: string; files: number; directories: number; audio: number };
  /** One day of the same archive (five pages): for the tests that walk many journeys. */
  small: { topPath: string; files: number; directories: number; audio: number };
  /** The sink's SMTP port; the gated one (shut and opened by the SMTP test only); its side door. */
  smtpPort: string;
  gatedSmtpPort: string;
  sinkHttp: string;
}

function readAll(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** A TCP gate in front of `target`: shut, its port refuses connections; open, it forwards. */
async function tcpGate(target: number) {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((client) => {
    sockets.add(client);
    const upstream = connect(target, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const end = () => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  let open = true;
  return {
    port,
    async shut() {
      if (!open) return;
      open = false;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async open() {
      if (open) return;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      open = true;
    },
    isOpen: () => open,
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), "indexwatch-faults-"));
  const tree = makeHelplineTree(root);
  const small = makeHelplineTree(root, { top: "small", days: 1 });
  const nginx = await startNginx(root);
  const sink = await startSmtpSink();
  const gate = await tcpGate(sink.smtpPort);
  // Armed cuts: the next `n` listing pages of `host` (after `skip` pages of it are served whole).
  const cut = new Map<string, { n: number; skip: number }>();
  const gone = new Set<string>();
  let cuts = 0;
  const proxy = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const host = String(req.headers["x-original-host"] ?? req.headers.host ?? "").replace(/:\d+$/, "");
    if (path.startsWith("/__faults/")) {
      const body = req.method === "POST" ? await readAll(req) : "";
      if (path === "/__faults/cut") {
        const c = JSON.parse(body) as { host: string; n: number; skip?: number };
        cut.set(c.host, { n: c.n, skip: c.skip ?? 0 });
      } else if (path === "/__faults/gone") gone.add((JSON.parse(body) as { host: string }).host);
      else if (path === "/__faults/smtp-down") await gate.shut();
      else if (path === "/__faults/smtp-up") await gate.open();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ cuts, smtpOpen: gate.isOpen() }));
      return;
    }
    if (path === "/.well-known/security.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`Contact: mailto:owner@${host}\nExpires: 2099-01-01T00:00:00Z\n`);
      return;
    }
    if (gone.has(host)) {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<title>404 Not Found</title>");
      return;
    }
    const upstream = request(
      { host: "127.0.0.1", port: nginx.port, path, method: req.method, headers: { host: "127.0.0.1" } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => {
          const whole = Buffer.concat(chunks);
          const listing = path.endsWith("/") && up.statusCode === 200 && req.method === "GET";
          const headers = { ...up.headers, "content-length": String(whole.length) };
          delete headers["transfer-encoding"];
          const armed = listing ? cut.get(host) : undefined;
          if (armed && armed.skip > 0) armed.skip--;
          else if (armed && armed.n > 0) {
            // Half the page, then the connection is gone: the length promised is never reached.
            armed.n--;
            cuts++;
            res.writeHead(up.statusCode ?? 200, headers);
            res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.socket?.destroy());
            return;
          }
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(req.method === "HEAD" ? undefined : whole);
        });
      },
    );
    upstream.on("error", () => {
      res.writeHead(502).end();
    });
    upstream.end();
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyPort = (proxy.address() as { port: number }).port;
  project.provide("faultServers", {
    proxy: `127.0.0.1:${proxyPort}`,
    tree: { topPath: tree.topPath, files: tree.files, directories: tree.directories, audio: tree.audio },
    small: { topPath: small.topPath, files: small.files, directories: small.directories, audio: small.audio },
    smtpPort: String(sink.smtpPort),
    gatedSmtpPort: String(gate.port),
    sinkHttp: sink.httpUrl,
  });
  return async () => {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await gate.shut();
    await sink.stop();
    await nginx.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    faultServers: FaultServers;
  }
}
