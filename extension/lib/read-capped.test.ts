import { describe, expect, it } from "vitest";
import { readCapped } from "./read-capped.ts";

/** A body that sends a row every few milliseconds and never ends, as a hostile listing does. */
function dripping(): { response: Response; sent: () => number; cancelled: () => boolean } {
  let sent = 0;
  let cancelled = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        const row = new TextEncoder().encode(`<a href="call-${sent}.wav">call-${sent}.wav</a>\n`);
        sent += row.byteLength;
        controller.enqueue(row);
      }, 2);
    },
    cancel() {
      cancelled = true;
      clearInterval(timer);
    },
  });
  return { response: new Response(body), sent: () => sent, cancelled: () => cancelled };
}

describe("readCapped", () => {
  it("gives up on a listing that never ends when its time is up, and cancels the body", async () => {
    const drip = dripping();
    const started = Date.now();
    const out = await readCapped(drip.response, 8 * 1024 * 1024, 150);
    expect(out).toEqual({ ok: false, reason: "too_slow" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(drip.cancelled()).toBe(true);
    expect(drip.sent()).toBeGreaterThan(0);
  });

  it("stops at the byte cap before reading the rest", async () => {
    const drip = dripping();
    const out = await readCapped(drip.response, 2000, 60_000);
    expect(out).toEqual({ ok: false, reason: "too_large" });
    expect(drip.cancelled()).toBe(true);
  });

  it("reads a whole body within its bounds, multi-byte characters across chunks included", async () => {
    const bytes = new TextEncoder().encode("Index of /samtal/ — åäö\n");
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 20));
        c.enqueue(bytes.subarray(20));
        c.close();
      },
    });
    expect(await readCapped(new Response(body), 1000, 1000)).toEqual({ ok: true, text: "Index of /samtal/ — åäö\n" });
  });
});
