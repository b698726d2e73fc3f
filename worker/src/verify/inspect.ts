import { openTarget, type Resolve, type TargetOptions, TIMEOUT_MS } from "./fetch-listing.ts";
import { type Hasher, type PageRead, ReadTimeout, readPage } from "./read-page.ts";

// The checks one listing page goes through, shared by the Worker's verification, its
// on-demand re-check and the CLI's scan: fetch and read it, ask a random sibling path for a
// soft-404 control, and confirm a few sensitive files are reachable without downloading them.

export interface FetchDeps {
  allowLoopback: boolean;
  hasher: () => Hasher;
  fetch?: typeof fetch;
  /** Resolves names before each hop (the Worker: DNS-over-HTTPS); see openTarget. */
  resolve?: Resolve;
  /** Names not resolved (development's HOST_RESOLVER_RULES). */
  mapped?: (host: string) => boolean;
  /** Read bodies whole before parsing (the benchmark's baseline). */
  whole?: boolean;
  maxBytes?: number;
  /** Milliseconds one page may take, headers and body (default TIMEOUT_MS). */
  timeoutMs?: number;
}

export type PageResult =
  | { ok: true; page: PageRead }
  | { ok: false; reason: string; status?: number; retryAfterSeconds?: number };

/** The options of openTarget that come from the deps. */
function targetOptions(deps: FetchDeps): TargetOptions {
  return {
    allowLoopback: deps.allowLoopback,
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(deps.resolve && { resolve: deps.resolve }),
    ...(deps.mapped && { mapped: deps.mapped }),
  };
}

/**
 * Fetches a page and reads it as a listing (which it may turn out not to be: `page.format`
 * null). One deadline covers the page, headers and body: a listing that never ends, or a
 * connection that drops midway, is a failed fetch (`fetch failed: …`, as when no answer came),
 * never an exception, so that verification retries it on its backoff and then gives up.
 */
export async function fetchPage(url: string, deps: FetchDeps): Promise<PageResult> {
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const opened = await openTarget(url, { ...targetOptions(deps), timeoutMs });
  if (!opened.ok) {
    const { ok: _, ...failure } = opened;
    return { ok: false, ...failure };
  }
  try {
    const page = await readPage(opened.url, opened.response, {
      hasher: deps.hasher(),
      timeoutMs: Math.max(1, deadline - Date.now()),
      ...(deps.whole !== undefined && { whole: deps.whole }),
      ...(deps.maxBytes !== undefined && { maxBytes: deps.maxBytes }),
    });
    return { ok: true, page };
  } catch (err) {
    await opened.response.body?.cancel().catch(() => undefined);
    const why =
      err instanceof ReadTimeout
        ? `the listing did not end within ${timeoutMs / 1000} s (${err.bytes} bytes read)`
        : `the body broke off: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, reason: `fetch failed: ${why}` };
  }
}

/** A sibling of a folder URL with a random last segment (`/a/b/` → `/a/<token>/`). */
export function siblingUrl(folderUrl: string, token: string): string {
  const u = new URL(folderUrl);
  const path = u.pathname.endsWith("/") ? u.pathname.slice(0, -1) : u.pathname;
  const parent = path.slice(0, path.lastIndexOf("/") + 1);
  u.pathname = `${parent || "/"}${token}/`;
  u.search = "";
  u.hash = "";
  return u.href;
}

/**
 * The soft-404 control: a random sibling path must not return the same listing. True when it
 * does (the server answers every path with this page, so it proves nothing).
 */
export async function soft404(page: PageRead, token: string, deps: FetchDeps): Promise<boolean> {
  const control = await fetchPage(siblingUrl(page.url, token), deps);
  if (!control.ok || control.page.format === null) return false;
  return control.page.namesHash === page.namesHash || control.page.sha256 === page.sha256;
}

export interface Reachability {
  checked: number;
  reachable: number;
  /** The HTTP statuses seen, in order (no names). */
  statuses: number[];
}

/**
 * HEAD (or, when HEAD is refused, GET `Range: bytes=0-0` with the body discarded) on at most
 * three files. Contents are never downloaded.
 */
export async function checkReachable(hrefs: readonly string[], deps: FetchDeps): Promise<Reachability> {
  const out: Reachability = { checked: 0, reachable: 0, statuses: [] };
  const base = { ...targetOptions(deps), timeoutMs: 10_000 };
  for (const href of hrefs.slice(0, 3)) {
    let opened = await openTarget(href, { ...base, method: "HEAD" });
    if (!opened.ok && (opened.status === 405 || opened.status === 501)) {
      opened = await openTarget(href, { ...base, headers: { range: "bytes=0-0" } });
    }
    out.checked++;
    if (opened.ok) {
      await opened.response.body?.cancel();
      out.reachable++;
      out.statuses.push(opened.response.status);
    } else {
      out.statuses.push(opened.status ?? 0);
    }
  }
  return out;
}
