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
