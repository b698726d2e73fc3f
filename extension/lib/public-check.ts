import { classifyListing, type Judgement } from "../../shared/classify/classify-listing.ts";
import { detectListing } from "../../shared/listing/detect.ts";
import type { Detection } from "../../shared/listing/types.ts";
import { normaliseListingUrl } from "../../shared/net/normalise.ts";
import { type Finding, findingOf } from "./finding.ts";
import { readCapped } from "./read-capped.ts";

/** The most the background reads of a listing (the Worker's cap too). */
export const MAX_LISTING_BYTES = 8 * 1024 * 1024;
/** How long the background waits for a listing's whole body (the Worker's per-page timeout). */
export const LISTING_READ_MS = 15_000;

export type PublicCheck =
  | { ok: true; detection: Detection; judgement: Judgement; finding: Finding }
  | { ok: false; code: "needs_cookies" | "not_public"; detail: string };

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Fetches a URL as a stranger would: no cookies, no cache, no referrer, and no redirect followed
 * (a redirect may lead to an address inside the user's network; it is reported, not taken).
 */
export function strangerFetch(fetcher: Fetcher, url: string, init: RequestInit = {}): Promise<Response> {
  return fetcher(url, {
    ...init,
    credentials: "omit",
    cache: "no-store",
    referrerPolicy: "no-referrer",
    redirect: "manual",
  });
}

/** A redirect not taken: browsers answer `redirect: "manual"` with an opaque one (status 0). */
export function isRedirect(res: Response): boolean {
  return res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400);
}

/**
 * Re-fetches a listing without the user's cookies and reads it again: a listing that only the
 * user's session can see (an error, a redirect to a login page, no listing) is not a public
 * exposure.
 */
export async function checkPublicListing(url: string, now: string, fetcher: Fetcher): Promise<PublicCheck> {
  let res: Response;
  try {
    res = await strangerFetch(fetcher, url);
  } catch (err) {
    return { ok: false, code: "not_public", detail: `the listing could not be fetched (${String(err)})` };
  }
  if (isRedirect(res)) {
    return { ok: false, code: "needs_cookies", detail: "without your cookies the server sends you elsewhere" };
  }
  if (res.status === 401 || res.status === 403) {
    return { ok: false, code: "needs_cookies", detail: `without your cookies the server answers ${res.status}` };
  }
  if (!res.ok)
    return { ok: false, code: "not_public", detail: `without your cookies the server answers ${res.status}` };
  const finalUrl = res.url === "" ? url : res.url;
  if (normaliseListingUrl(new URL(finalUrl)) !== normaliseListingUrl(new URL(url))) {
    return { ok: false, code: "needs_cookies", detail: "without your cookies the server sends you elsewhere" };
  }
  const read = await readCapped(res, MAX_LISTING_BYTES, LISTING_READ_MS);
  if (!read.ok) {
    const why = read.reason === "too_large" ? "the listing is too large" : "the listing did not finish loading in time";
    return { ok: false, code: "not_public", detail: why };
  }
  const body = read.text;
  const contentType = res.headers.get("content-type") ?? undefined;
  const server = res.headers.get("server");
  const detection = detectListing(body, {
    url: finalUrl,
    ...(contentType === undefined ? {} : { contentType }),
    ...(server === null ? {} : { headers: { server } }),
  });
  if (detection === null) {
    return { ok: false, code: "needs_cookies", detail: "without your cookies the page is not a listing" };
  }
  const judgement = classifyListing(detection, finalUrl);
  return { ok: true, detection, judgement, finding: findingOf(detection, judgement, finalUrl, now, "page") };
}

/**
 * Whether what a stranger sees is the listing the user saw: same folder, same format (a page
 * read from the live DOM may only be known as `generic`), and reportable.
 */
export function sameListing(seen: Finding, fresh: Finding): boolean {
  const format = seen.format === fresh.format || seen.format === "generic";
  return seen.url === fresh.url && format && fresh.reportable;
}
