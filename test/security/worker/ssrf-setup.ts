// A real HTTP server on 127.0.0.1 for the SSRF tests inside workerd. `r<n>.ssrf.test` (reached
// through development's HOST_RESOLVER_RULES, which carry the name in x-original-host) answers
// 302 to vector n's private target, on any path. `/trap` is where the tests' recording fetch
// sends any request that was about to leave for an address of the table: each is counted, and
// `GET /__trap` answers the count (`/control`, for the tests' control, is not counted). A listing is served there, so a trapped request "succeeds".
import { createServer } from "node:http";
import type { TestProject } from "vitest/node";
import { REDIRECT_ZONE, SSRF_VECTORS } from "../ssrf-vectors.ts";

const LISTING = `<html><head><title>Index of /</title></head><body><h1>Index of /</h1><hr><pre><a href="../">../</a>
<a href="20130409-081200_+46701234567_inbound.wav">20130409-081200_+46701234567_inbound.wav</a>  09-Apr-2013 08:12  104857
</pre><hr></body></html>`;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let trapped = 0;
  const server = createServer((req, res): void => {
    const path = req.url ?? "/";
    if (path === "/__trap") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ trapped }));
      return;
    }
    if (path.startsWith("/trap") || path.startsWith("/control")) {
      if (path.startsWith("/trap")) trapped++;
      res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
      res.end(LISTING);
      return;
    }
    const host = String(req.headers["x-original-host"] ?? "").replace(/:\d+$/, "");
    const m = new RegExp(`^r(\\d+)\\.${REDIRECT_ZONE.replace(".", "\\.")}$`).exec(host);
    const vector = m?.[1] === undefined ? undefined : SSRF_VECTORS[Number(m[1])];
    if (vector) {
      // Header values are bytes: a non-ASCII target goes percent-encoded (the URL parser decodes it).
      res.writeHead(302, { location: vector.target.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c)) });
      res.end();
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("ssrfServer", `http://127.0.0.1:${(server.address() as { port: number }).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    ssrfServer: string;
  }
}
