// Contact discovery, in order: security.txt of the host, then of the registrable domain; RDAP
// for the domain (registrant, registrar abuse); RDAP for the IP network (the hoster's abuse
// desk, and the country); the national CSIRT by network country, then ccTLD. Contacts come
// only from here, never from a report.
import { getDomain } from "tldts";
import { countryOfTld } from "../../../../shared/disclosure/country.ts";
import { csirtFor } from "../../../../shared/disclosure/csirts.ts";
import { chooseLanguage } from "../../../../shared/disclosure/language.ts";
import { ipv4ToNumber } from "../../../../shared/net/ip.ts";
import { type DiscloseEnv, setting } from "../config.ts";
import { discoveryGet, type Get } from "../net.ts";
import { lookupable, resolvePublic } from "./doh.ts";
import { rdapDomain, rdapIp } from "./rdap.ts";
import { securityTxtContacts } from "./security-txt.ts";
import type { FoundContact, Location } from "./types.ts";

export interface Discovery {
  contacts: FoundContact[];
  location: Location;
  language: string;
}

function ipLiteral(host: string): string | null {
  if (host.startsWith("[")) return host.slice(1, -1);
  return ipv4ToNumber(host) !== null ? host : null;
}

export async function discoverContacts(
  env: DiscloseEnv,
  listingRoot: string,
  now: number,
  get: Get = discoveryGet(env),
): Promise<Discovery> {
  const listing = new URL(listingRoot);
  const host = listing.hostname;
  const literal = ipLiteral(host);
  const registrable = literal ? null : getDomain(host);
  const bootstrap = setting(env, "RDAP_BOOTSTRAP_URL");
  const contacts: FoundContact[] = [];
  const add = (c: FoundContact) => {
    if (!contacts.some((x) => x.address === c.address)) contacts.push(c);
  };

  const sec = await securityTxtContacts(get, listing, registrable, now);
  for (const c of sec.contacts) add(c);

  if (registrable) {
    for (const c of await rdapDomain(get, bootstrap, registrable)) {
      if (c.roles.includes("registrant")) {
        add({ role: "owner", address: c.email, source: "rdap-domain", confidence: "low", language: null, detail: {} });
      } else if (c.roles.includes("abuse")) {
        // The registrar's abuse desk: kept for the record, for escalation by a person only.
        add({
          role: "registrar",
          address: c.email,
          source: "rdap-domain",
          confidence: "medium",
          language: null,
          detail: {},
        });
      }
    }
  }

  const ip = literal ?? (await resolvePublic(get, setting(env, "DOH_URL"), host));
  let networkCountry: string | null = null;
  if (ip && lookupable(literal?.includes(":") ? `[${ip}]` : ip)) {
    const net = await rdapIp(get, bootstrap, ip);
    if (net) {
      networkCountry = net.country;
      for (const c of net.contacts.filter((x) => x.roles.includes("abuse"))) {
        add({
          role: "hoster",
          address: c.email,
          source: "rdap-ip",
          confidence: "high",
          language: null,
          detail: { network: [net.startAddress, net.endAddress], country: net.country },
        });
      }
    }
  }

  const tldCountry = countryOfTld(host);
  const countries = [...new Set([networkCountry, tldCountry].filter((c): c is string => c !== null))];
  for (const [i, country] of countries.entries()) {
    const team = csirtFor(country);
    if (!team) continue;
    add({
      role: "cert",
      address: team.email.toLowerCase(),
      source: "csirt-table",
      confidence: i === 0 && team.checked ? "high" : "medium",
      language: null,
      detail: { team: team.name, country, because: country === networkCountry ? "network" : "cctld" },
    });
  }

  return {
    contacts,
    location: {
      ip,
      country: networkCountry ?? tldCountry,
      source: networkCountry ? "rdap-ip" : tldCountry ? "cctld" : "none",
    },
    language: chooseLanguage({ preferred: sec.languages, host }),
  };
}
