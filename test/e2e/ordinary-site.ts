// Ordinary pages on 127.0.0.1 — an article, a home page and a 404 — and the log of every
// request they receive, to show that the extension adds none.
import { createServer } from "node:http";
import { ordinaryPage } from "../support/ordinary-page.ts";

export interface OrdinarySite {
  url: string;
  log: string[];
  stop(): Promise<void>;
}

export async function startOrdinarySite(port: number): Promise<OrdinarySite> {
  const log: string[] = [];
  const article = ordinaryPage(100_000);
  const home = ordinaryPage(20_000).replace("New library to open in spring | Example Gazette", "Example Gazette");
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    log.push(path);
    if (path === "/" || path === "/news/2026/11/25/library") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(path === "/" ? home : article);
      return;
    }
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>404 Not Found</title><h1>Not Found</h1><p>No such page.</p>");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
