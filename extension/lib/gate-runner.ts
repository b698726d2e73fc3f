import { mightBeListing } from "../../shared/listing/gate.ts";
import type { MessageOf } from "./messaging.ts";
import { sketchDocument } from "./page-sketch.ts";
import { isFolderUrl, surelyNoListing } from "./quick-reject.ts";

/** How long after the page is idle a JS-drawn listing (h5ai, Directory Lister, GoIndex) is looked for again. */
export const SETTLE_MS = 1500;

/** The gate on a live document: the cheap pre-check, then the shared gate on a sketch of the page. */
export function pageMightBeListing(doc: Document, url: string): boolean {
  return !surelyNoListing(doc, url) && mightBeListing(sketchDocument(doc, url));
}

/**
 * The gate on a live page: if the page could be a listing, wake the background (which sends
 * the detector); otherwise, on a folder URL, look once more after the page settles, for
 * listings drawn by JavaScript. No extension API, no network, no parser: this is all that
 * ordinary pages pay for.
 */
export function runGate(
  doc: Document,
  url: () => string,
  wake: (message: MessageOf<"gate">) => void,
  later: (fn: () => void, ms: number) => void,
): void {
  if (pageMightBeListing(doc, url())) {
    wake({ type: "gate", phase: "idle" });
    return;
  }
  if (!isFolderUrl(url())) return;
  later(() => {
    if (pageMightBeListing(doc, url())) wake({ type: "gate", phase: "settled" });
  }, SETTLE_MS);
}
