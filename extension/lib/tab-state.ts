import { browser } from "wxt/browser";
import { badgeFor } from "./badge.ts";
import type { Finding } from "./finding.ts";
import { HISTORY_LIMIT, history, tabFindings } from "./storage.ts";

// Writes to the per-tab map are serialised: events for several tabs arrive at once.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => undefined);
  return next;
}

/** The listing found in a tab, if any. */
export async function findingOfTab(tabId: number): Promise<Finding | null> {
  return (await tabFindings.getValue())[String(tabId)] ?? null;
}

async function showBadge(tabId: number, finding: Finding | null): Promise<void> {
  const badge = badgeFor(finding);
  await browser.action.setBadgeText({ tabId, text: badge?.text ?? "" });
  if (badge) await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour });
}

/** Records a listing for a tab, sets the badge and adds it to the history. */
export function recordFinding(tabId: number, finding: Finding): Promise<void> {
  return serial(() => record(tabId, finding));
}

async function record(tabId: number, finding: Finding): Promise<void> {
  // A copy: the item hands out its fallback object itself when nothing is stored.
  const all = { ...(await tabFindings.getValue()) };
  all[String(tabId)] = finding;
  await tabFindings.setValue(all);
  await showBadge(tabId, finding);
  const seen = [...(await history.getValue())];
  seen.unshift({
    url: finding.url,
    format: finding.format,
    severity: finding.severity,
    files: finding.summary.files,
    personalFiles: finding.personalFiles,
    seenAt: finding.seenAt,
    source: finding.source,
  });
  await history.setValue(seen.slice(0, HISTORY_LIMIT));
}

/** Forgets a tab's listing (the tab navigated or closed). */
export function clearTab(tabId: number, closed = false): Promise<void> {
  return serial(() => clear(tabId, closed));
}

async function clear(tabId: number, closed: boolean): Promise<void> {
  // A copy: the item hands out its fallback object itself when nothing is stored.
  const all = { ...(await tabFindings.getValue()) };
  if (!(String(tabId) in all)) return;
  delete all[String(tabId)];
  await tabFindings.setValue(all);
  if (!closed) await showBadge(tabId, null);
}
