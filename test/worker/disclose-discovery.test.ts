// Contact discovery against the fake Internet: security.txt (host, then domain), RDAP for the
// domain and the IP network via the IANA bootstrap, DNS-over-HTTPS, the CSIRT table.
import { beforeAll, describe, expect, it } from "vitest";
import { rdapEntity } from "../../cli/local/rdap-entity.ts";
import { discoverContacts } from "../../worker/src/disclose/discover/discover.ts";
import { inCidr, rdapContacts } from "../../worker/src/disclose/discover/rdap.ts";
import { discloseEnv, FAKE, world } from "./disclose-helpers.ts";
import { sharedWorld } from "./disclose-world.ts";

const NOW = Date.UTC(2026, 10, 29);
const denv = discloseEnv();

beforeAll(async () => {
  await sharedWorld();
  await world({
    securityTxt: {
      "journal.example.se": {
        wellKnown:
          "Contact: mailto:security@journal.example.test\nContact: https://journal.example.test/report\nContact: mailto:second@journal.example.test\nPreferred-Languages: sv, en\nExpires: 2099-01-01T00:00:00Z\n",
        legacy: "Contact: mailto:legacy@journal.example.test\n",
      },
      "legacy.example.se": { legacy: "Contact: mailto:old@legacy.example.test\n" },
      "example.se": { wellKnown: "Contact: mailto:webmaster@example-se.example.test\n" },
      "www.stale1.test": { wellKnown: "Contact: mailto:sec@stale1.test\nExpires: 2020-01-01T00:00:00Z\n" },
    },
    dns: {
      "journal.example.se": { A: ["192.0.2.10"] },
      "legacy.example.se": { A: ["192.0.2.11"] },
      "archive.example.se": { A: ["198.51.100.7"] },
      "www.shop1.test": { A: ["198.51.100.8"] },
      "www.private1.test": { A: ["10.1.2.3"] },
      "www.stale1.test": { A: ["203.0.113.9"] },
    },
  });
});

const pick = (c: { role: string; address: string; source: string; confidence: string }) =>
  `${c.role} ${c.address} ${c.source} ${c.confidence}`;

describe("discoverContacts", () => {
  it("finds, in order: the host's security.txt, the registrar, the hoster, the CSIRT", async () => {
    const d = await discoverContacts(denv, "https://journal.example.se/medicall/", NOW);
    expect(d.contacts.map(pick)).toEqual([
      "owner security@journal.example.test security.txt high",
      "owner second@journal.example.test security.txt high",
      "registrar abuse@registrar.example.test rdap-domain medium",
      "hoster abuse@hoster-se.example.test rdap-ip high",
      "cert cert@cert.se csirt-table high",
    ]);
    expect(d.language).toBe("sv");
    expect(d.location).toEqual({ ip: "192.0.2.10", country: "SE", source: "rdap-ip" });
  });

  it("falls back to the legacy path, then to the registrable domain (inherited, lower confidence)", async () => {
    const legacy = await discoverContacts(denv, "https://legacy.example.se/x/", NOW);
    expect(legacy.contacts.filter((c) => c.role === "owner").map(pick)).toEqual([
      "owner old@legacy.example.test security.txt high",
    ]);
    const inherited = await discoverContacts(denv, "https://archive.example.se/x/", NOW);
    expect(inherited.contacts.filter((c) => c.role === "owner").map(pick)).toEqual([
      "owner webmaster@example-se.example.test security.txt-domain medium",
    ]);
  });

  it("tells the hosting country's CSIRT and copies the ccTLD's when they differ", async () => {
    const d = await discoverContacts(denv, "https://archive.example.se/x/", NOW);
    expect(d.contacts.filter((c) => c.role === "cert").map((c) => [c.address, c.detail.because])).toEqual([
      ["certbund@bsi.bund.de", "network"],
      ["cert@cert.se", "cctld"],
    ]);
    expect(d.contacts.find((c) => c.role === "hoster")?.address).toBe("abuse@hoster-de.example.test");
    expect(d.language).toBe("sv");
  });

  it("a generic name: no security.txt, hoster and CSIRT by the network, English", async () => {
    const d = await discoverContacts(denv, "http://www.shop1.test/backup/", NOW);
    expect(d.contacts.map(pick)).toEqual([
      "hoster abuse@hoster-de.example.test rdap-ip high",
      "cert certbund@bsi.bund.de csirt-table high",
    ]);
    expect(d.language).toBe("en");
  });

  it("lowers an expired security.txt to a low-confidence hint", async () => {
    const d = await discoverContacts(denv, "https://www.stale1.test/", NOW);
    expect(d.contacts.filter((c) => c.role === "owner").map(pick)).toEqual(["owner sec@stale1.test security.txt low"]);
    expect(d.location.country).toBeNull();
  });

  it("never looks up a private address a name resolves to", async () => {
    const d = await discoverContacts(denv, "https://www.private1.test/", NOW);
    expect(d.contacts).toEqual([]);
    expect(d.location.ip).toBeNull();
    const log = (await (await fetch(`${FAKE}/__log`)).json()) as { host: string; path: string }[];
    expect(log.some((l) => l.path.includes("10.1.2.3"))).toBe(false);
  });

  it("reads security.txt at a listing's own origin on 127.0.0.1 (local mode) and skips RDAP for loopback", async () => {
    await world({ securityTxt: { "127.0.0.1": { wellKnown: "Contact: mailto:owner@loopback.example.test\n" } } });
    const d = await discoverContacts(denv, `${FAKE}/exposed/discovery/`, NOW);
    expect(d.contacts.map(pick)).toEqual(["owner owner@loopback.example.test security.txt high"]);
    expect(d.location).toEqual({ ip: "127.0.0.1", country: null, source: "none" });
  });
});

describe("RDAP helpers", () => {
  it("matches IPv4 and IPv6 addresses against bootstrap CIDRs", () => {
    expect(inCidr("192.0.2.10", "192.0.2.0/24")).toBe(true);
    expect(inCidr("192.0.3.10", "192.0.2.0/24")).toBe(false);
    expect(inCidr("198.51.100.7", "198.0.0.0/8")).toBe(true);
    expect(inCidr("2001:db8::1", "2001:db8::/32")).toBe(true);
    expect(inCidr("2001:db9::1", "2001:db8::/32")).toBe(false);
    expect(inCidr("192.0.2.10", "2001:db8::/32")).toBe(false);
    expect(inCidr("192.0.2.10", "0.0.0.0/0")).toBe(true);
  });

  it("walks the whole entity tree and keeps each address's roles and parents", () => {
    const found = rdapContacts({
      entities: [
        rdapEntity(["registrar"], "reg@registrar.example.test", [
          rdapEntity(["abuse"], "abuse@registrar.example.test", [rdapEntity(["technical"], "deep@x.example.test")]),
        ]),
        { roles: ["registrant"], vcardArray: ["vcard", [["fn", {}, "text", "REDACTED"]]] },
      ],
    });
    expect(found).toEqual([
      { email: "reg@registrar.example.test", roles: ["registrar"], under: [] },
      { email: "abuse@registrar.example.test", roles: ["abuse"], under: ["registrar"] },
      { email: "deep@x.example.test", roles: ["technical"], under: ["registrar", "abuse"] },
    ]);
  });
});
