import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { runGate, SETTLE_MS } from "./gate-runner.ts";

function page(url: string, html: string) {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}

function harness(doc: Document, url: string) {
  const woken: string[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  runGate(
    doc,
    () => url,
    (m) => woken.push(m.phase),
    (fn, ms) => timers.push({ fn, ms }),
  );
  return { woken, timers };
}

describe("runGate", () => {
  it("wakes the background at once for a server-rendered listing", () => {
    const url = "http://files.example.com/calls/";
    const h = harness(
      page(url, '<title>Index of /calls/</title><h1>Index of /calls/</h1><pre><a href="a.wav">a.wav</a></pre>'),
      url,
    );
    expect(h.woken).toEqual(["idle"]);
    expect(h.timers).toEqual([]);
  });

  it("looks once more after the page settles, for listings drawn by JavaScript", () => {
    const url = "http://files.example.com/calls/";
    const doc = page(url, '<title>Files</title><div id="app">Loading…</div>');
    doc.title = "";
    const h = harness(doc, url);
    expect(h.woken).toEqual([]);
    expect(h.timers.map((t) => t.ms)).toEqual([SETTLE_MS]);
    // The app draws its listing (as h5ai does), then the re-check runs.
    doc.title = "Index of /calls/ - powered by h5ai";
    h.timers[0]?.fn();
    expect(h.woken).toEqual(["settled"]);
  });

  it("stays asleep on an ordinary page, then and after it settles", () => {
    const url = "https://news.example.com/2026/11/25/library";
    const h = harness(page(url, "<title>New library | Example Gazette</title><p>The council said…</p>"), url);
    h.timers[0]?.fn();
    expect(h.woken).toEqual([]);
  });
});
