import { isIgnoredHost } from "./reportability.ts";
import { gatedTabs, readOptions } from "./storage.ts";
import { wantsGate } from "./tab-pregate.ts";

/** Runs the gate script in a tab's top frame. */
export type InjectGate = (tabId: number) => Promise<void>;

// The record is read and written in order: a load's "complete" and a title change arrive
// together, and the gate must run at most once per document load.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** A new document starts loading in the tab (or the tab closed): its gate may run again. */
export function forgetGate(tabId: number): Promise<void> {
  return serial(async () => {
    const all = await gatedTabs.getValue();
    if (!(String(tabId) in all)) return;
    const rest = { ...all };
    delete rest[String(tabId)];
    await gatedTabs.setValue(rest);
  });
}

/**
 * A tab finished loading, or its title changed after: runs the gate script in it when its URL
 * and title leave a doubt, at most once per load and URL, never on an ignored site. True when
 * it was sent. Ordinary pages cost only the synchronous `wantsGate`, here in the background.
 */
export function gateTab(tabId: number, url: string, title: string | undefined, inject: InjectGate): Promise<boolean> {
  if (!wantsGate(url, title)) return Promise.resolve(false);
  return serial(async () => {
    const all = await gatedTabs.getValue();
    if (all[String(tabId)] === url) return false;
    const { ignoredSites } = await readOptions();
    if (isIgnoredHost(new URL(url).hostname, ignoredSites)) return false;
    await gatedTabs.setValue({ ...all, [String(tabId)]: url });
    try {
      await inject(tabId);
    } catch {
      // The tab navigated away or closed, or the page may not be scripted (a browser page).
      return false;
    }
    return true;
  });
}
