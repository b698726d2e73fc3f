// A real HTTP server on 127.0.0.1 for the verification tests: a captured nginx listing, an
// ordinary page, a 404 and a redirect to the cloud-metadata address. Its URL reaches the
// Worker tests through `inject("listingServer")`.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const NGINX = readFileSync(join(import.meta.dirname, "../../shared/listing/__fixtures__/nginx/files.html"));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/medicall/2013/04/09/") {
      res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
      res.end(NGINX);
    } else if (path === "/moved/") {
      res.writeHead(302, { location: "/medicall/2013/04/09/" });
      res.end();
    } else if (path === "/metadata/") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    } else if (path.startsWith("/soft/")) {
      // A server that answers every path below /soft/ with the same listing (a soft 404).
      res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
      res.end(NGINX.toString("utf8").replaceAll("/medicall/2013/04/09/", path));
    } else if (path === "/members/") {
      // Listed only for a logged-in visitor: a stranger gets the login page.
      const cookie = req.headers.cookie ?? "";
      if (cookie.includes("session=")) {
        res.writeHead(200, { "content-type": "text/html", server: "nginx/1.22.1" });
        res.end(NGINX.toString("utf8").replaceAll("/medicall/2013/04/09/", path));
      } else {
        res.writeHead(403, { "content-type": "text/html" });
        res.end("<title>Log in</title><form><input name=user></form>");
      }
    } else if (path === "/busy/") {
      res.writeHead(429, { "retry-after": "7", "content-type": "text/plain" });
      res.end("slow down");
    } else if (path === "/article/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>News</title><p>Nothing to see.</p>");
    } else {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<title>404 Not Found</title>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  project.provide("listingServer", `http://127.0.0.1:${address.port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    listingServer: string;
  }
}
