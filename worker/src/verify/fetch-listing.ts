import { checkTarget } from "../../../shared/net/guard.ts";
import { blockedAddress, ipv4ToNumber } from "../../../shared/net/ip.ts";

// The one way Indexwatch reaches a listed server, from the Worker and from the CLI alike: no
// credentials, an honest User-Agent, every redirect hop re-checked by the target guard (at
// most five), http and https on any port, a timeout. Only standard fetch is used here, so
// Node runs the same code (the hash is passed in: workerd's DigestStream, Node's createHash).

/** Who we are, to the servers we check (an honest User-Agent naming the project and an about page). */
export const USER_AGENT = "Indexwatch/0.1 (+https://indexwatch.example.org/about; verifies reported exposures)";
export const MAX_REDIRECTS = 5;
// Per page. Listings are streamed (memory stays bounded whatever the size), so the cap bounds time and
// traffic: a 100,000-entry nginx page is about 14 MB.
export const MAX_BYTES = 32 * 1024 * 1024;
export const TIMEOUT_MS = 15_000;
const ACCEPT = "text/html,application/xhtml+xml,application/xml,application/json;q=0.9,*/*;q=0.8";

export interface TargetOptions {
  allowLoopback: boolean;
  /** GET (default) or HEAD. */
  method?: "GET" | "HEAD";
  /** Extra request headers (e.g. `range`). Never credentials. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /**
   * Resolves a name before each hop to it (A and AAAA): a name with any answer that is not a
   * public address is refused, and one that does not resolve is not fetched. Without it,
   * names go to the fetch unchecked (the CLI checks its answers in its own fetch).
   */
  resolve?: Resolve;
  /** Names the resolver is not asked about (development's HOST_RESOLVER_RULES stand in for DNS). */
  mapped?: (host: string) => boolean;
}

/** A name's addresses (A and AAAA), or null when it does not resolve or the resolver fails. */
export type Resolve = (host: string) => Promise<string[] | null>;

/** The reason a hop to a name whose answers could not be had starts with this (verification retries it). */
export const UNRESOLVED = "name not resolved";

export type Opened =
  | { ok: true; url: string; response: Response }
  | { ok: false; reason: string; status?: number; retryAfterSeconds?: number };

/** Seconds a `Retry-After` header asks for (delta seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Requests a URL as any stranger would and follows redirects, each hop re-checked. Answers
 * with the final response when it is a 200 (206 for ranges); otherwise with a reason, and
 * for 429 and 503 with the `Retry-After` the server asked for.
 */
export async function openTarget(raw: string, opts: TargetOptions): Promise<Opened> {
  const doFetch = opts.fetch ?? fetch;
  let url = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = checkTarget(url, { allowLoopback: opts.allowLoopback });
    if (!target.ok) return { ok: false, reason: `refused target: ${target.message}` };
    const named = await checkAnswers(target.url, opts);
    if (named !== null) return { ok: false, reason: named };
    let res: Response;
    // No credentials: neither workerd's nor Node's fetch has a cookie jar, and no
    // authorization or cookie header is ever set here.
    try {
      res = await doFetch(target.url.href, {
        method: opts.method ?? "GET",
        redirect: "manual",
        headers: { "user-agent": USER_AGENT, accept: ACCEPT, ...opts.headers },
        signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
      });
    } catch (err) {
      return { ok: false, reason: `fetch failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location");
      await res.body?.cancel();
      if (!location) return { ok: false, reason: "redirect without a location", status: res.status };
      url = new URL(location, target.url).href;
      continue;
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      const failed: Opened = { ok: false, reason: `HTTP ${res.status}`, status: res.status };
      if (res.status === 429 || res.status === 503) {
        const after = retryAfterSeconds(res.headers.get("retry-after"), Date.now());
        failed.retryAfterSeconds = after ?? 60;
      }
      return failed;
    }
    return { ok: true, url: target.url.href, response: res };
  }
  return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
}

/** An address literal, as the WHATWG URL parser leaves it (`[v6]` or a dotted quad). */
export function isAddressLiteral(hostname: string): boolean {
  return hostname.startsWith("[") || ipv4ToNumber(hostname.replace(/\.$/, "")) !== null;
}

/**
 * Why a hop to this URL's name must not be made (its answers, or none), or null when it may
 * (an address literal, a mapped name, no resolver, or only public answers). Loopback answers
 * pass only where loopback targets are allowed.
 */
export async function checkAnswers(url: URL, opts: Pick<TargetOptions, "allowLoopback" | "resolve" | "mapped">) {
  const host = url.hostname.replace(/\.$/, "");
  if (!opts.resolve || isAddressLiteral(host) || opts.mapped?.(url.hostname) === true) return null;
  const answers = await opts.resolve(host);
  if (answers === null || answers.length === 0) return `${UNRESOLVED}: ${host} has no address`;
  for (const a of answers) {
    const literal = a.includes(":") ? `[${a}]` : a;
    const why = blockedAddress(literal);
    if (why === null) continue;
    if (opts.allowLoopback && checkTarget(`http://${literal}/`, { allowLoopback: true }).ok) continue;
    return `refused target: ${host} resolves to ${a}, not a public address (${why})`;
  }
  return null;
}
