import type { Browser } from "wxt/browser";

/** Who sent a message, as far as the browser vouches for it. */
export type SenderKind =
  | { kind: "content"; tabId: number; frameId: number }
  | { kind: "extension-page" }
  | { kind: "untrusted" };

/**
 * The only reader of `sender.*`. A sender is ours when the browser says it belongs to this
 * extension (`sender.id`). An extension page (popup, options) is one whose browser-computed
 * `sender.origin` is the extension's own origin, or, where the browser gives no origin
 * (Firefox), one outside any tab (the popup). A content script comes with the tab it runs in
 * and the origin of the page. `sender.url` is never read: a page's URL proves nothing.
 */
export function classifySender(
  sender: Browser.runtime.MessageSender,
  extensionId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== extensionId) return { kind: "untrusted" };
  if (sender.origin !== undefined ? sender.origin === extensionOrigin : sender.tab === undefined) {
    return { kind: "extension-page" };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return { kind: "untrusted" };
  return { kind: "content", tabId, frameId: sender.frameId ?? 0 };
}
