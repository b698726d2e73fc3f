import { describe, expect, it } from "vitest";
import { digestHasher } from "./digest.ts";
import { fetchPage } from "./inspect.ts";
import { ReadTimeout, readPage } from "./read-page.ts";

// A listing that never ends, as a hostile server sends it: nginx autoindex rows, one every few
// milliseconds, for ever. The stream records whether the reader cancelled it (gave it up).

const enc = new TextEncoder();
const HEAD = "<html><head><title>Index of /a/</title></head><body><h1>Index of /a/</h1><hr><pre>";
const row = (i: number) =>
  `<a href="call_${i}_inbound.wav">call_${i}_inbound.wav</a>    09-Apr-2013 08:52   ${480_000 + i}\r\n`;

function drip(type: "bytes" | "default") {
  const seen = { rows: 0, cancelled: false };
  const pull = async (c: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) => {
    await new Promise((r) => setTimeout(r, 5));
    c.enqueue(enc.encode(seen.rows === 0 ? HEAD + row(0) : row(seen.rows)));
    seen.rows++;
  };
  const cancel = () => {
    seen.cancelled = true;
  };
  const body =
    type === "bytes"
      ? new ReadableStream({ type: "bytes", pull, cancel })
      : new ReadableStream<Uint8Array>({ pull, cancel });
  return { body: body as ReadableStream<Uint8Array>, seen };
}

const html = (body: ReadableStream<Uint8Array> | string) =>
  new Response(body, { status: 200, headers: { "content-type": "text/html" } });

describe("readPage gives up on a listing that never ends", () => {
  for (const type of ["bytes", "default"] as const) {
    it(`throws ReadTimeout at its deadline and cancels the body (${type} stream)`, async () => {
      const { body, seen } = drip(type);
      const err = await readPage("http://files.example.com/a/", html(body), {
        hasher: digestHasher(),
        timeoutMs: 300,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadTimeout);
      expect((err as ReadTimeout).bytes).toBeGreaterThan(0);
      expect(seen.cancelled).toBe(true);
      const rows = seen.rows;
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.rows).toBe(rows);
    });
  }

  it("reads a listing that ends within its deadline as before", async () => {
    const page = await readPage("http://files.example.com/a/", html(`${HEAD}${row(1)}${row(2)}</pre></body></html>`), {
      hasher: digestHasher(),
      timeoutMs: 5000,
    });
    expect(page.format).toBe("nginx");
    expect(page.verdict?.summary.files).toBe(2);
  });
});

describe("fetchPage: a body that never ends or breaks off is a failed fetch, not an exception", () => {
  it("answers `fetch failed` within its one deadline for headers and body", async () => {
    const { body, seen } = drip("bytes");
    const f = (async () => html(body)) as typeof fetch;
    const t = Date.now();
    const r = await fetchPage("http://127.0.0.1:9/a/", {
      allowLoopback: true,
      hasher: digestHasher,
      fetch: f,
      timeoutMs: 400,
    });
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // No status: the crawl retries it like a connection that failed, the root check on its backoff.
    expect(r.status).toBeUndefined();
    expect(r.reason).toMatch(/^fetch failed: the listing did not end within 0\.4 s \(\d+ bytes read\)$/);
    expect(seen.cancelled).toBe(true);
  });

  it("answers `fetch failed` when the connection drops midway", async () => {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ < 3) c.enqueue(enc.encode(n === 1 ? HEAD : row(n)));
        else c.error(new Error("connection reset"));
      },
    });
    const f = (async () => html(body)) as typeof fetch;
    const r = await fetchPage("http://127.0.0.1:9/a/", { allowLoopback: true, hasher: digestHasher, fetch: f });
    expect(r.ok ? "" : r.reason).toBe("fetch failed: the body broke off: connection reset");
  });
});
