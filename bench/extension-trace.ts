// Main-thread time of one page load, from Chromium's own trace (CDP Tracing on the page):
// every top-level task on the renderer's main thread, and the part of it that ran the
// extension's scripts (script evaluation and calls whose source is chrome-extension://).
import type { CDPSession } from "playwright-core";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string } };
}

export interface LoadCost {
  /** Busy time of the renderer's main thread (top-level tasks), ms. */
  mainThreadMs: number;
  /** Of which, the extension's scripts (evaluation, calls, timers), ms. */
  extensionMs: number;
}

const CATEGORIES = ["devtools.timeline", "v8.execute", "toplevel"].join(",");

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReturnAsStream" });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (e: { stream?: string }) => resolve(e.stream ?? "")),
  );
  await cdp.send("Tracing.end");
  const stream = await done;
  let text = "";
  for (;;) {
    const chunk = await cdp.send("IO.read", { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, "base64").toString("utf8") : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send("IO.close", { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

const SCRIPT_EVENTS = new Set(["EvaluateScript", "FunctionCall", "TimerFire", "v8.compile", "v8.run"]);

/** Sums the trace of one load: the page renderer's main thread, and the extension's share. */
export function costOf(events: TraceEvent[]): LoadCost {
  // The renderer's main thread is the one named CrRendererMain with the most work.
  const mains = new Set<string>();
  for (const e of events) {
    if (e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain") mains.add(`${e.pid}:${e.tid}`);
  }
  const busy = new Map<string, number>();
  const ext = new Map<string, Array<[number, number]>>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || e.ph !== "X" || e.dur === undefined) continue;
    if (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") busy.set(key, (busy.get(key) ?? 0) + e.dur);
    const url = e.args?.data?.url ?? e.args?.data?.scriptName ?? "";
    if (SCRIPT_EVENTS.has(e.name) && url.startsWith("chrome-extension://")) {
      const spans = ext.get(key) ?? [];
      spans.push([e.ts, e.ts + e.dur]);
      ext.set(key, spans);
    }
  }
  let best = "";
  for (const [k, v] of busy) if (best === "" || v > (busy.get(best) ?? 0)) best = k;
  return { mainThreadMs: (busy.get(best) ?? 0) / 1000, extensionMs: union(ext.get(best) ?? []) / 1000 };
}

/** Total length of possibly nested spans (nested events are counted once). */
function union(spans: Array<[number, number]>): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  let start = -1;
  for (const [s, e] of spans) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  if (end > start) total += end - start;
  return total;
}
