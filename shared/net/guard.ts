import { blockedAddress, ipv4ToNumber, ipv6Groups } from "./ip.ts";

/** Why a URL is refused as a target; each is an error code of the API. */
export type TargetRefusal =
  | "not_a_url"
  | "scheme_not_allowed"
  | "userinfo_not_allowed"
  | "private_address"
  | "private_name"
  | "single_label_name";

export interface TargetOptions {
  /**
   * Let loopback (127.0.0.0/8, ::1, localhost) through: for local development and tests only.
   * Production has no way to set it (the Worker reads it from a development-only variable).
   */
  allowLoopback?: boolean;
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; refusal: TargetRefusal; message: string };

/** Names that only ever mean something inside a network (RFC 6762, 6761, 8375 and common use). */
const PRIVATE_SUFFIXES = [".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp", ".localdomain"];

function refuse(refusal: TargetRefusal, message: string): TargetCheck {
  return { ok: false, refusal, message };
}

function isLoopback(host: string): boolean {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = ipv4ToNumber(host);
  if (v4 !== null) return v4 >>> 24 === 127;
  const v6 = host.startsWith("[") ? ipv6Groups(host.slice(1, -1)) : null;
  return v6?.every((g, i) => g === (i === 7 ? 1 : 0)) === true;
}

/**
 * Whether a URL may be fetched or reported: http(s) only, no userinfo, a public host. The URL
 * is parsed as fetch parses it (WHATWG), so every IPv4 spelling — decimal `2130706433`, octal
 * `0177.0.0.1`, hex `0x7f.1`, short `127.1` — and IPv4-mapped IPv6 reach the range check in
 * canonical form. A trailing dot is ignored. DNS answers must be checked again by the fetcher.
 * @example checkTarget("http://0x7f.1/").ok // false
 */
export function checkTarget(raw: string, opts: TargetOptions = {}): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("not_a_url", "not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return refuse("scheme_not_allowed", `only http and https are allowed, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("userinfo_not_allowed", "URLs with a user name or password are not accepted");
  }
  const host = url.hostname.endsWith(".") ? url.hostname.slice(0, -1) : url.hostname;
  if (opts.allowLoopback === true && isLoopback(host)) return { ok: true, url };
  if (host.startsWith("[") || ipv4ToNumber(host) !== null) {
    const why = blockedAddress(host);
    return why === null ? { ok: true, url } : refuse("private_address", `${host} is not a public address (${why})`);
  }
  if (host === "localhost" || host.endsWith(".localhost")) return refuse("private_address", `${host} is loopback`);
  for (const suffix of PRIVATE_SUFFIXES) {
    if (host.endsWith(suffix)) return refuse("private_name", `${host} is a name inside a private network (${suffix})`);
  }
  if (!host.includes(".")) return refuse("single_label_name", `${host} is a single-label name, not a public host`);
  return { ok: true, url };
}
