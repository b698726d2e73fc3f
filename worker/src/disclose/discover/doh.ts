// Host names to addresses over DNS-over-HTTPS (JSON form): Workers have no DNS API of their own.
import { blockedAddress } from "../../../../shared/net/ip.ts";
import type { Get } from "../net.ts";

/**
 * Whether an answer may be looked up in RDAP: any public address, and the documentation ranges
 * (a lookup about them is harmless and says "reserved"); private, loopback and link-local
 * answers are dropped.
 */
export function lookupable(ip: string): boolean {
  const why = blockedAddress(ip);
  return why === null || why.startsWith("documentation");
}

/** The first lookupable A (then AAAA) address of a name, or null. */
export async function resolvePublic(get: Get, dohUrl: string, name: string): Promise<string | null> {
  for (const [type, code] of [
    ["A", 1],
    ["AAAA", 28],
  ] as const) {
    const url = `${dohUrl}?name=${encodeURIComponent(name)}&type=${type}`;
    const res = await get(url, { accept: "application/dns-json" });
    if (res?.status !== 200) continue;
    let body: { Status?: number; Answer?: { type?: number; data?: string }[] };
    try {
      body = JSON.parse(res.text);
    } catch {
      continue;
    }
    if (body.Status !== 0) continue;
    for (const a of body.Answer ?? []) {
      if (a.type !== code || typeof a.data !== "string") continue;
      const host = code === 28 ? `[${a.data}]` : a.data;
      if (lookupable(host)) return a.data;
    }
  }
  return null;
}

type DohBody = { Status?: number; Answer?: { type?: number; data?: string }[] };

/**
 * Every A and AAAA answer of a name, for the target guard; null when the name does not resolve
 * (NXDOMAIN, or no address of either type) or when either query fails, so that the caller can
 * fail closed. CNAME records are passed over; their targets' addresses are in the answer.
 */
export async function resolveAll(get: Get, dohUrl: string, name: string): Promise<string[] | null> {
  const out: string[] = [];
  for (const [type, code] of [
    ["A", 1],
    ["AAAA", 28],
  ] as const) {
    const url = `${dohUrl}?name=${encodeURIComponent(name)}&type=${type}`;
    const res = await get(url, { accept: "application/dns-json", maxBytes: 64 * 1024 });
    if (res?.status !== 200) return null;
    let body: DohBody;
    try {
      body = JSON.parse(res.text) as DohBody;
    } catch {
      return null;
    }
    // 3 (NXDOMAIN) is an answer: no address of this type. Anything else but 0 is a failure.
    if (body.Status === 3) continue;
    if (body.Status !== 0) return null;
    for (const a of body.Answer ?? []) {
      if (a.type === code && typeof a.data === "string") out.push(a.data);
    }
  }
  return out.length > 0 ? out : null;
}

/** `resolveAll` with its answers kept for the life of the returned function (one invocation). */
export function cachedResolver(get: Get, dohUrl: string): (name: string) => Promise<string[] | null> {
  const known = new Map<string, Promise<string[] | null>>();
  return (name) => {
    const key = name.toLowerCase();
    let answer = known.get(key);
    if (answer === undefined) {
      answer = resolveAll(get, dohUrl, key);
      known.set(key, answer);
    }
    return answer;
  };
}
