// What the e2e asks the extension's service worker and popup: the tab of a page, its badge,
// its stored finding, and the popup rendered for it.
import type { BrowserContext, Page, Worker } from "playwright-core";

interface ChromeInSw {
  tabs: { query(q: { url?: string }): Promise<Array<{ id?: number; url?: string }>> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
  };
  storage: {
    session: { get(k: string): Promise<Record<string, unknown>> };
    local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> };
  };
}
type Sw = typeof globalThis & { chrome: ChromeInSw };

export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => {
    const tabs = await (globalThis as Sw).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}

export async function badgeOf(worker: Worker, tabId: number): Promise<{ text: string; colour: number[] }> {
  return worker.evaluate(async (id) => {
    const c = (globalThis as Sw).chrome;
    return {
      text: await c.action.getBadgeText({ tabId: id }),
      colour: await c.action.getBadgeBackgroundColor({ tabId: id }),
    };
  }, tabId);
}

export interface StoredFinding {
  format: string;
  severity: string;
  summary: { files: number; directories: number; categories: Record<string, number> };
  samples: string[];
  source: string;
}

export async function findingOf(worker: Worker, tabId: number): Promise<StoredFinding | null> {
  return worker.evaluate(async (id) => {
    const all = (await (globalThis as Sw).chrome.storage.session.get("tabFindings")).tabFindings as
      | Record<string, StoredFinding>
      | undefined;
    return all?.[String(id)] ?? null;
  }, tabId);
}

export async function sessionItem(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => (await (globalThis as Sw).chrome.storage.session.get(k))[k] ?? null, key);
}

export async function localItem(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => (await (globalThis as Sw).chrome.storage.local.get(k))[k] ?? null, key);
}

export async function setLocalItem(worker: Worker, key: string, value: unknown): Promise<void> {
  await worker.evaluate(
    async ([k, v]) => (globalThis as Sw).chrome.storage.local.set({ [k as string]: v }),
    [key, value],
  );
}

/** Polls until `fn` gives a value that `ok` accepts (or the time is up); returns the last value. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    v = await fn();
  }
  return v;
}

/** The popup for a tab, opened as a page (`popup.html?tab=<id>`), once it has drawn. */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await page.waitForSelector("main h1");
  return page;
}
