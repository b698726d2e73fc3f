// ONE real HTTP server on 127.0.0.1 standing in for the parts of the Internet that contact
// discovery asks: security.txt of named hosts, RDAP (IANA bootstrap files, domain and IP
// queries) and DNS-over-HTTPS (JSON). The Worker reaches it through HOST_RESOLVER_RULES, which
// sends `https://<name>/…` here with the original host in `x-original-host` (like Chromium's
// --host-resolver-rules): only name resolution is stood in for, the exchange is real HTTP.
// Tests describe the world with POST /__world and read what was asked with GET /__log.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";

/** Listings captured from real servers (shared/listing/__fixtures__), served as they were. */
const FIXTURES = join(import.meta.dirname, "../../shared/listing/__fixtures__");
const LISTINGS = {
  nginx: { server: "nginx/1.22.1", file: join(FIXTURES, "nginx/files.html") },
  apache: { server: "Apache/2.4.62 (Debian)", file: join(FIXTURES, "apache-htmltable/files.html") },
} as const;

export interface World {
  /** host → body of /.well-known/security.txt (and `legacy` for /security.txt). */
  securityTxt?: Record<string, { wellKnown?: string; legacy?: string }>;
  /** name → A / AAAA answers. */
  dns?: Record<string, { A?: string[]; AAAA?: string[] }>;
  /** registrable domain → RDAP domain object. */
  rdapDomains?: Record<string, unknown>;
  /** CIDR → RDAP ip network object. */
  rdapNetworks?: Record<string, unknown>;
  /** path → a captured listing served at that path on 127.0.0.1 (null: taken down, 404). */
  listings?: Record<string, "nginx" | "apache" | null>;
}

/** The hosts the fake world answers as (each also answers for any name in `securityTxt`). */
export const RDAP_HOST = "rdap.example.test";
export const BOOTSTRAP_HOST = "bootstrap.example.test";
export const DOH_HOST = "doh.example.test";

export interface FakeInternet {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function ipv4InCidr(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split("/");
  const n = (s: string) => s.split(".").reduce((a, x) => (a << 8) + Number(x), 0) >>> 0;
  if (!net || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const bits = Number(len);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (n(ip) & mask) === (n(net) & mask);
}

export async function startFakeInternet(): Promise<FakeInternet> {
  let world: World = {};
  const log: { host: string; path: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const host = String(req.headers["x-original-host"] ?? req.headers.host ?? "").replace(/:\d+$/, "");
    if (url.pathname === "/__world" && req.method === "POST") {
      const add = JSON.parse(await readBody(req)) as World;
      world = {
        securityTxt: { ...world.securityTxt, ...add.securityTxt },
        dns: { ...world.dns, ...add.dns },
        rdapDomains: { ...world.rdapDomains, ...add.rdapDomains },
        rdapNetworks: { ...world.rdapNetworks, ...add.rdapNetworks },
        listings: { ...world.listings, ...add.listings },
      };
      return send(res, 204, "text/plain", "");
    }
    if (url.pathname === "/__log") return send(res, 200, "application/json", JSON.stringify(log));
    log.push({ host, path: url.pathname + url.search });

    if (host === BOOTSTRAP_HOST) {
      const base = [`https://${RDAP_HOST}/`];
      if (url.pathname.endsWith("/dns.json")) {
        const tlds = [...new Set(Object.keys(world.rdapDomains ?? {}).map((d) => d.split(".").pop() ?? ""))];
        return send(res, 200, "application/json", JSON.stringify({ version: "1.0", services: [[tlds, base]] }));
      }
      if (url.pathname.endsWith("/ipv4.json")) {
        const nets = Object.keys(world.rdapNetworks ?? {}).filter((c) => !c.includes(":"));
        return send(res, 200, "application/json", JSON.stringify({ version: "1.0", services: [[nets, base]] }));
      }
      if (url.pathname.endsWith("/ipv6.json")) {
        return send(res, 200, "application/json", JSON.stringify({ version: "1.0", services: [] }));
      }
      return send(res, 404, "text/plain", "not found");
    }
    if (host === RDAP_HOST) {
      const d = /^\/domain\/(.+)$/.exec(url.pathname);
      if (d?.[1]) {
        const obj = world.rdapDomains?.[decodeURIComponent(d[1]).toLowerCase()];
        return obj
          ? send(res, 200, "application/rdap+json", JSON.stringify(obj))
          : send(res, 404, "application/rdap+json", JSON.stringify({ errorCode: 404 }));
      }
      const ip = /^\/ip\/(.+)$/.exec(url.pathname)?.[1];
      if (ip) {
        const hit = Object.entries(world.rdapNetworks ?? {}).find(([cidr]) => ipv4InCidr(ip, cidr));
        return hit
          ? send(res, 200, "application/rdap+json", JSON.stringify(hit[1]))
          : send(res, 404, "application/rdap+json", JSON.stringify({ errorCode: 404 }));
      }
      return send(res, 400, "application/rdap+json", JSON.stringify({ errorCode: 400 }));
    }
    if (host === DOH_HOST && url.pathname === "/dns-query") {
      const name = (url.searchParams.get("name") ?? "").toLowerCase().replace(/\.$/, "");
      const type = url.searchParams.get("type") ?? "A";
      const answers = world.dns?.[name]?.[type === "AAAA" ? "AAAA" : "A"] ?? [];
      const known = world.dns?.[name] !== undefined;
      return send(
        res,
        200,
        "application/dns-json",
        JSON.stringify({
          Status: known ? 0 : 3,
          Question: [{ name, type: type === "AAAA" ? 28 : 1 }],
          Answer: answers.map((data) => ({ name, type: type === "AAAA" ? 28 : 1, TTL: 300, data })),
        }),
      );
    }
    const listing = host === "127.0.0.1" ? world.listings?.[url.pathname] : undefined;
    if (listing) {
      const l = LISTINGS[listing];
      res.writeHead(200, { "content-type": "text/html", server: l.server });
      return res.end(readFileSync(l.file));
    }
    const files = world.securityTxt?.[host];
    if (files && url.pathname === "/.well-known/security.txt" && files.wellKnown !== undefined) {
      return send(res, 200, "text/plain; charset=utf-8", files.wellKnown);
    }
    if (files && url.pathname === "/security.txt" && files.legacy !== undefined) {
      return send(res, 200, "text/plain; charset=utf-8", files.legacy);
    }
    return send(res, 404, "text/html", "<title>404 Not Found</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
