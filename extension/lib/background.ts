import { browser } from "wxt/browser";
import { ALLOW_LOOPBACK } from "./build-flags.ts";
import type { FindingSource } from "./finding.ts";
import { forgetGate, gateTab } from "./gate-injection.ts";
import { type BackgroundDeps, handlers } from "./handlers.ts";
import { type MessageType, parseMessage } from "./messaging.ts";
import { foldersToProbe, probeFolders } from "./probe.ts";
import { classifySender } from "./sender.ts";
import { probedFolders, readOptions } from "./storage.ts";
import { clearTab, recordFinding } from "./tab-state.ts";

/** Runs the detector script in a tab: its return value is the finding (or null). */
export async function detectInTab(tabId: number, frameId: number, source: FindingSource): Promise<unknown> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: ["/detector.js"],
  });
  const finding = result?.result as { source?: FindingSource } | null | undefined;
  if (finding && typeof finding === "object") finding.source = source;
  return finding ?? null;
}

/** Runs the gate script in a tab's top frame (it wakes the background if the page passes). */
export async function injectGateInTab(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ["/gate.js"] });
}

export const defaultDeps: BackgroundDeps = {
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
  detectIn: detectInTab,
  injectGate: injectGateInTab,
};

/** A file opened directly: ask its parent folders, if the user turned the probe on. */
export async function probeParents(tabId: number, url: string, deps: BackgroundDeps): Promise<void> {
  const options = await readOptions();
  if (!options.parentProbe) return;
  const now = deps.now().toISOString();
  const today = now.slice(0, 10);
  const probed = await probedFolders.getValue();
  const folders = foldersToProbe(url, today, probed, ALLOW_LOOPBACK);
  if (folders.length === 0) return;
  const kept: Record<string, string> = {};
  for (const [folder, day] of Object.entries(probed)) if (day === today) kept[folder] = day;
  for (const folder of folders) kept[folder] = today;
  await probedFolders.setValue(kept);
  const found = await probeFolders(folders, now, deps.fetch);
  const worst = found.find((f) => f.reportable) ?? found[0];
  if (worst) await recordFinding(tabId, worst);
}

/** Wires the background: one message listener dispatching to the handler map, and the tab events. */
export function startBackground(deps: BackgroundDeps = defaultDeps): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = parseMessage(raw);
    if (message === null) return undefined;
    const who = classifySender(sender, browser.runtime.id, browser.runtime.getURL("/").replace(/\/$/, ""));
    const handler = handlers[message.type as MessageType];
    if (who.kind !== handler.from) return undefined;
    return (handler.run as (m: typeof message, s: typeof who, d: BackgroundDeps) => Promise<unknown>)(
      message,
      who,
      deps,
    );
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === "loading") {
      void clearTab(tabId);
      void forgetGate(tabId);
    }
    if (change.url !== undefined) void probeParents(tabId, change.url, deps);
    // The first stage of the gate: a loaded page, or one whose script set its title later
    // (h5ai, Directory Lister), gets the gate script only if its URL and title leave a doubt.
    const loaded = change.status === "complete" || (change.title !== undefined && tab.status === "complete");
    if (loaded && tab.url !== undefined) void gateTab(tabId, tab.url, tab.title, deps.injectGate);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void clearTab(tabId, true);
    void forgetGate(tabId);
  });
}
