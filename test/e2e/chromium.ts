// Debian's Chromium with an unpacked extension, through playwright-core (STACK.md §4): a fresh
// profile, no outside DNS (host-resolver-rules), no background networking.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Worker } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Chromium without background networking or outside DNS (only 127.0.0.1 and localhost resolve). */
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

export interface Browser {
  context: BrowserContext;
  /** The extension's service worker (absent when launched without the extension). */
  worker: Worker | null;
  extensionId: string | null;
  close(): Promise<void>;
}

/**
 * Waits until the background has registered its tab listeners. The service worker exists
 * before its script has run, and a page visited in that moment would go unseen (a page the
 * user opens later wakes the worker, whose listeners are registered at its start).
 */
async function backgroundReady(worker: Worker): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await worker.evaluate(() => {
      const c = (globalThis as { chrome?: { tabs?: { onUpdated?: { hasListeners(): boolean } } } }).chrome;
      return c?.tabs?.onUpdated?.hasListeners() === true;
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error("the extension's background registered no tab listener");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Launches Chromium headless, with the extension in `extension` loaded, or none. `hosts` maps
 * names to local addresses (`MAP name 127.0.0.1` rules, before the rest).
 */
export async function launch(extension: string | null, hosts: Record<string, string> = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "indexwatch-chromium-"));
  const map = Object.entries(hosts).map(([name, at]) => `MAP ${name} ${at}`);
  const args = FLAGS.map((f) =>
    map.length > 0 && f.startsWith("--host-resolver-rules=")
      ? `--host-resolver-rules=${[...map, f.slice("--host-resolver-rules=".length)].join(", ")}`
      : f,
  );
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  else args.push("--disable-extensions");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  let worker: Worker | null = null;
  if (extension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
    await backgroundReady(worker);
  }
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : null,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
