// RDAP (RFC 9082/9083) with the IANA bootstrap (RFC 9224): the domain's and the IP network's
// abuse contacts, and the network's country.
import { ipv4ToNumber, ipv6Groups } from "../../../../shared/net/ip.ts";
import type { Get } from "../net.ts";

type Json = Record<string, unknown>;

async function getJson(get: Get, url: string): Promise<Json | null> {
  const res = await get(url, { accept: "application/rdap+json, application/json" });
  if (res?.status !== 200) return null;
  try {
    const v = JSON.parse(res.text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

/** The services of a bootstrap file: [[keys], [base URLs]] pairs. */
function services(file: Json | null): [string[], string[]][] {
  const s = file?.services;
  if (!Array.isArray(s)) return [];
  return s.filter((x): x is [string[], string[]] => Array.isArray(x) && Array.isArray(x[0]) && Array.isArray(x[1]));
}

function base(urls: string[]): string | null {
  const u = urls.find((x) => x.startsWith("https://")) ?? urls[0];
  if (!u) return null;
  return u.endsWith("/") ? u : `${u}/`;
}

/** Bits of an address as a bigint (IPv4 in 32 bits, IPv6 in 128), or null. */
function addressBits(ip: string): { v6: boolean; n: bigint } | null {
  const v4 = ipv4ToNumber(ip);
  if (v4 !== null) return { v6: false, n: BigInt(v4) };
  const g = ipv6Groups(ip.replace(/^\[|\]$/g, ""));
  if (!g) return null;
  return { v6: true, n: g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n) };
}

export function inCidr(ip: string, cidr: string): boolean {
  const [net, lenText] = cidr.split("/");
  const a = addressBits(ip);
  const b = net ? addressBits(net) : null;
  if (!a || !b || a.v6 !== b.v6) return false;
  const width = a.v6 ? 128n : 32n;
  const len = BigInt(Number(lenText ?? width));
  if (len < 0n || len > width) return false;
  const shift = width - len;
  return a.n >> shift === b.n >> shift;
}

export interface RdapContact {
  email: string;
  roles: string[];
  /** The roles of the entities above it (an abuse entity nested under the registrar …). */
  under: string[];
}

function vcardEmails(entity: Json): string[] {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || !Array.isArray(card[1])) return [];
  const out: string[] = [];
  for (const prop of card[1] as unknown[]) {
    if (Array.isArray(prop) && prop[0] === "email" && typeof prop[3] === "string") {
      const e = prop[3].trim().toLowerCase();
      if (/^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(e)) out.push(e);
    }
  }
  return out;
}

/** Walks the whole entity tree: abuse roles sit at the top at some registries, nested at others. */
export function rdapContacts(obj: Json): RdapContact[] {
  const out: RdapContact[] = [];
  const walk = (entities: unknown, under: string[], depth: number) => {
    if (!Array.isArray(entities) || depth > 5) return;
    for (const e of entities) {
      if (typeof e !== "object" || e === null) continue;
      const ent = e as Json;
      const roles = Array.isArray(ent.roles) ? ent.roles.filter((r): r is string => typeof r === "string") : [];
      for (const email of vcardEmails(ent)) out.push({ email, roles, under });
      walk(ent.entities, [...under, ...roles], depth + 1);
    }
  };
  walk(obj.entities, [], 0);
  return out;
}

export async function rdapDomain(get: Get, bootstrap: string, domain: string): Promise<RdapContact[]> {
  const tld = domain.split(".").pop()?.toLowerCase() ?? "";
  const svc = services(await getJson(get, `${bootstrap}dns.json`)).find(([keys]) =>
    keys.some((k) => k.toLowerCase() === tld),
  );
  const b = svc ? base(svc[1]) : null;
  if (!b) return [];
  const obj = await getJson(get, `${b}domain/${encodeURIComponent(domain)}`);
  return obj ? rdapContacts(obj) : [];
}

export interface RdapNetwork {
  country: string | null;
  startAddress: string | null;
  endAddress: string | null;
  contacts: RdapContact[];
}

export async function rdapIp(get: Get, bootstrap: string, ip: string): Promise<RdapNetwork | null> {
  const v6 = ipv4ToNumber(ip) === null;
  const svc = services(await getJson(get, `${bootstrap}${v6 ? "ipv6" : "ipv4"}.json`)).find(([keys]) =>
    keys.some((k) => inCidr(ip, k)),
  );
  const b = svc ? base(svc[1]) : null;
  if (!b) return null;
  const obj = await getJson(get, `${b}ip/${ip}`);
  if (!obj) return null;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const country = str(obj.country);
  return {
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
    startAddress: str(obj.startAddress),
    endAddress: str(obj.endAddress),
    contacts: rdapContacts(obj),
  };
}
