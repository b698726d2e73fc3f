// A logging reverse proxy on 127.0.0.1 in front of the API: the extension is built to talk to
// it, so every request the extension makes to the API is in `log`, with the time it came.
import { createServer, request } from "node:http";

export interface LoggingProxy {
  url: string;
  log: Array<{ method: string; path: string }>;
  stop(): Promise<void>;
}

export async function startLoggingProxy(port: number, target: () => string): Promise<LoggingProxy> {
  const log: LoggingProxy["log"] = [];
  const server = createServer((req, res) => {
    log.push({ method: req.method ?? "", path: req.url ?? "" });
    const to = new URL(req.url ?? "/", target());
    const upstream = request(to, { method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      res.writeHead(502, { "content-type": "application/json" });
      res.end('{"error":{"code":"bad_gateway","message":"the API is not running","requestId":""}}');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
