// Outbound requests of contact discovery (security.txt, RDAP, DNS-over-HTTPS): every URL passes
// the public-target guard, with a timeout and a byte cap, no cookies, an honest User-Agent.
import { checkTarget } from "../../../shared/net/guard.ts";
import { checkAnswers, isAddressLiteral, type Resolve, USER_AGENT } from "../verify/fetch-listing.ts";
import { type DiscloseEnv, setting } from "./config.ts";
import { cachedResolver } from "./discover/doh.ts";

export interface NetResponse {
  status: number;
  url: string;
  contentType: string;
  text: string;
}

export type Get = (url: string, opts?: { accept?: string; maxBytes?: number }) => Promise<NetResponse | null>;

export interface Rule {
  pattern: RegExp;
  target: string;
}

/** Parses `MAP <pattern> <host:port>[, …]` (a `*` in a pattern matches any run of characters). */
export function parseResolverRules(text: string | undefined): Rule[] {
  const rules: Rule[] = [];
  for (const part of (text ?? "").split(",")) {
    const m = /^\s*MAP\s+(\S+)\s+(\S+)\s*$/i.exec(part);
    if (!m?.[1] || !m[2]) continue;
    const re = m[1].replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    rules.push({ pattern: new RegExp(`^${re}$`, "i"), target: m[2] });
  }
  return rules;
}

/**
 * A fetch that sends a request for a name matched by a rule to the rule's `host:port` over plain
 * HTTP, carrying the original host (`x-original-host`, `x-original-scheme`); address literals
 * and unmatched names go as they are. Development and tests only (see HOST_RESOLVER_RULES).
 */
export function resolvingFetch(rules: readonly Rule[], base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const literal = url.hostname.startsWith("[") || /^[\d.]+$/.test(url.hostname);
    const rule = literal ? undefined : rules.find((r) => r.pattern.test(url.hostname));
    if (!rule) return base(input, init);
    const headers = new Headers(init?.headers);
    headers.set("x-original-host", url.host);
    headers.set("x-original-scheme", url.protocol.slice(0, -1));
    return base(`http://${rule.target}${url.pathname}${url.search}`, { ...init, headers });
  };
}

async function readText(res: Response, maxBytes: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    parts.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(room, value.byteLength);
    if (size >= maxBytes) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** How the Worker judges a name before it connects to it: its DNS answers, over DNS-over-HTTPS. */
export interface NameCheck {
  resolve: Resolve;
  /** Names not resolved: those HOST_RESOLVER_RULES maps in development, and the DoH endpoint itself. */
  mapped: (host: string) => boolean;
}

function loopbackAllowed(env: DiscloseEnv): boolean {
  return env.ENVIRONMENT === "development" && env.ALLOW_LOOPBACK_TARGETS === "true";
}

function devRules(env: DiscloseEnv): Rule[] {
  return env.ENVIRONMENT === "development" ? parseResolverRules(env.HOST_RESOLVER_RULES) : [];
}

/**
 * The name check of one invocation (answers cached for its life, so a crawl's many requests to
 * one host cost two DoH queries). The DoH endpoint is reached by its own name, never resolved
 * through itself, and its queries follow no redirect.
 */
export function nameCheck(env: DiscloseEnv): NameCheck {
  const rules = devRules(env);
  const dohUrl = setting(env, "DOH_URL");
  const dohHost = new URL(dohUrl).hostname;
  const plain = guardedGet(env, null, 0);
  return {
    resolve: cachedResolver(plain, dohUrl),
    mapped: (host) => host === dohHost || (!isAddressLiteral(host) && rules.some((r) => r.pattern.test(host))),
  };
}

/**
 * The GET that discovery uses. Redirects (at most 3) are followed only after the guard passes
 * each hop, and a name is fetched only when its DNS answers are all public (see nameCheck). In
 * development, HOST_RESOLVER_RULES may send a public name to a local server.
 */
export function discoveryGet(env: DiscloseEnv): Get {
  return guardedGet(env, nameCheck(env), 3);
}

function guardedGet(env: DiscloseEnv, names: NameCheck | null, maxRedirects: number): Get {
  const allowLoopback = loopbackAllowed(env);
  const rules = devRules(env);
  return async (raw, opts = {}) => {
    let url = raw;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const checked = checkTarget(url, { allowLoopback });
      if (!checked.ok) return null;
      const target = checked.url;
      if (names && (await checkAnswers(target, { allowLoopback, ...names })) !== null) return null;
      // Names only: an address literal needs no resolving.
      const literal = target.hostname.startsWith("[") || /^[\d.]+$/.test(target.hostname);
      const rule = literal ? undefined : rules.find((r) => r.pattern.test(target.hostname));
      const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: opts.accept ?? "*/*" };
      let href = target.href;
      if (rule) {
        href = `http://${rule.target}${target.pathname}${target.search}`;
        headers["x-original-host"] = target.host;
        headers["x-original-scheme"] = target.protocol.slice(0, -1);
      }
      let res: Response;
      try {
        res = await fetch(href, { redirect: "manual", headers, signal: AbortSignal.timeout(10_000) });
      } catch {
        return null;
      }
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get("location");
        await res.body?.cancel();
        if (!location) return null;
        url = new URL(location, target).href;
        continue;
      }
      const text = await readText(res, opts.maxBytes ?? 256 * 1024);
      return { status: res.status, url: target.href, contentType: res.headers.get("content-type") ?? "", text };
    }
    return null;
  };
}
