// Ordinary pages on 127.0.0.1 — an article, a home page and a 404 — and the log of every
// request they receive, to show that the extension adds none; and a listing that a script
// draws and names after the load.
import { createServer } from "node:http";
import { ordinaryPage } from "../support/ordinary-page.ts";

export interface OrdinarySite {
  url: string;
  log: string[];
  stop(): Promise<void>;
}

/**
 * A listing drawn by its own script after the load, as h5ai and Directory Lister do: the
 * page loads as "Loading…", then names itself and draws an nginx-style listing.
 */
const LATE_LISTING = `<!doctype html><html><head><title>Loading…</title></head><body><p>Loading…</p><script>
setTimeout(() => {
  const rows = ["20130409-081200_+46701740611_inbound.wav", "20130409-091200_+46701740612_inbound.wav", "20130409-101200_+46701740613_outbound.wav"]
    .map((n) => '<a href="' + encodeURIComponent(n) + '">' + n + '</a>' + " ".repeat(10) + "09-Apr-2013 08:12     4096");
  document.body.innerHTML = '<h1>Index of /late/calls/</h1><hr><pre><a href="../">../</a>\\n' + rows.join("\\n") + "\\n</pre><hr>";
  document.title = "Index of /late/calls/";
}, 300);
</script></body></html>`;

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
    if (path === "/late/calls/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(LATE_LISTING);
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
