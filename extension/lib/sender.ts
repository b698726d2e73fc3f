import type { Browser } from "wxt/browser";

/** Who sent a message, as far as the browser vouches for it. */
export type SenderKind =
  | { kind: "content"; tabId: number; frameId: number }
  | { kind: "extension-page" }
  | { kind: "untrusted" };

/**
 * The only reader of `sender.*`. A sender is ours when the browser says it belongs to this
 * extension (`sender.id`); a content script comes with the tab it runs in, an extension page
 * (popup, options) with none. `sender.url` is never used: a page can make it say anything.
 */
export function classifySender(sender: Browser.runtime.MessageSender, extensionId: string): SenderKind {
  if (sender.id !== extensionId) return { kind: "untrusted" };
  const tabId = sender.tab?.id;
  if (sender.tab === undefined) return { kind: "extension-page" };
  if (tabId === undefined || tabId < 0) return { kind: "untrusted" };
  return { kind: "content", tabId, frameId: sender.frameId ?? 0 };
}
