import { describe, expect, it } from "vitest";
import { FORMAT_IDS } from "../listing/flavours/index.ts";
import { countryOfTld } from "./country.ts";
import { CSIRTS, csirtFor } from "./csirts.ts";
import { chooseLanguage } from "./language.ts";
import { LISTING_OFF_IDS, listingOff } from "./listing-off.ts";
import { parseRfc3339 } from "./rfc3339.ts";
import { mailAddresses, parseSecurityTxt } from "./security-txt.ts";

const URL_WK = "https://clinic.example.test/.well-known/security.txt";
const JAN_2027 = 1_798_761_600_000; // 2027-01-01T00:00:00Z

describe("parseSecurityTxt", () => {
  it("keeps contacts in file order and reads the other fields", () => {
    const f = parseSecurityTxt(
      [
        "# a comment",
        "Contact: mailto:first@clinic.example.test",
        "contact: https://clinic.example.test/report",
        "Contact: mailto:second@clinic.example.test",
        "Contact: ftp://nope.example.test/",
        "Expires: 2027-06-01T00:00:00.000Z",
        "Preferred-Languages: sv, en",
        `Canonical: ${URL_WK}`,
        "Encryption: https://clinic.example.test/pgp.asc",
      ].join("\r\n"),
      URL_WK,
      JAN_2027,
    );
    expect(f.contacts).toEqual([
      "mailto:first@clinic.example.test",
      "https://clinic.example.test/report",
      "mailto:second@clinic.example.test",
    ]);
    expect(mailAddresses(f)).toEqual(["first@clinic.example.test", "second@clinic.example.test"]);
    expect(f.expires).toBe(1_811_808_000_000); // 2027-06-01T00:00:00Z
    expect(f.stale).toBe(false);
    expect(f.canonicalMismatch).toBe(false);
    expect(f.preferredLanguages).toEqual(["sv", "en"]);
    expect(f.encryption).toHaveLength(1);
  });

  it("marks an expired file stale and a foreign Canonical as a mismatch", () => {
    const f = parseSecurityTxt(
      "Contact: mailto:a@x.test\nExpires: 2026-01-01T00:00:00Z\nCanonical: https://other.example.test/.well-known/security.txt\n",
      URL_WK,
      JAN_2027,
    );
    expect(f.stale).toBe(true);
    expect(f.canonicalMismatch).toBe(true);
  });

  it("reads the body of a cleartext-signed file and unescapes dash-escaped lines", () => {
    const text = [
      "-----BEGIN PGP SIGNED MESSAGE-----",
      "Hash: SHA512",
      "",
      "Contact: mailto:signed@x.test",
      "- Contact: mailto:escaped@x.test",
      "-----BEGIN PGP SIGNATURE-----",
      "Contact: mailto:outside@x.test",
      "-----END PGP SIGNATURE-----",
    ].join("\n");
    const f = parseSecurityTxt(text, URL_WK, 0);
    expect(f.signed).toBe(true);
    expect(mailAddresses(f)).toEqual(["signed@x.test", "escaped@x.test"]);
  });

  it("drops malformed addresses", () => {
    const f = parseSecurityTxt(
      "Contact: mailto:no-at-sign\nContact: mailto:%zz\nContact: mailto:ok@x.test?subject=hi\n",
      URL_WK,
      0,
    );
    expect(mailAddresses(f)).toEqual(["ok@x.test"]);
  });
});

describe("parseRfc3339", () => {
  it("gives Unix ms (values from Node's Date.parse) and refuses what is not RFC 3339", () => {
    expect(parseRfc3339("2026-11-29T12:34:56Z")).toBe(1_795_955_696_000);
    expect(parseRfc3339("1999-02-28T23:59:59.123+02:00")).toBe(920_239_199_123);
    expect(parseRfc3339("2024-02-29T00:00:00-05:30")).toBe(1_709_184_600_000);
    for (const s of ["2026-13-01T00:00:00Z", "yesterday", "2026-11-29"]) expect(parseRfc3339(s)).toBeNull();
  });
});

describe("chooseLanguage", () => {
  it("prefers the owner's choice, then Preferred-Languages, then the ccTLD", () => {
    expect(chooseLanguage({ host: "clinic.example.se", chosen: "en" })).toBe("en");
    expect(chooseLanguage({ host: "clinic.example.com", preferred: ["de", "sv-SE"] })).toBe("sv");
    expect(chooseLanguage({ host: "clinic.example.se", preferred: ["de"] })).toBe("sv");
    expect(chooseLanguage({ host: "clinic.example.test" })).toBe("en");
  });
});

describe("countryOfTld and csirtFor", () => {
  it("maps ccTLDs but not generic-use ones", () => {
    expect(countryOfTld("clinic.example.se")).toBe("SE");
    expect(countryOfTld("x.example.uk")).toBe("GB");
    expect(countryOfTld("startup.io")).toBeNull();
    expect(countryOfTld("example.com")).toBeNull();
  });

  it("has the EU, the Nordic countries and the US, each once with an address and a source", () => {
    const eu = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" ");
    for (const c of [...eu, "NO", "IS", "US"]) expect(csirtFor(c)?.country).toBe(c);
    expect(new Set(CSIRTS.map((c) => c.country)).size).toBe(CSIRTS.length);
    for (const c of CSIRTS) {
      expect(c.email).toMatch(/^[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}$/);
      expect(c.source).toMatch(/^https:\/\//);
    }
    expect(csirtFor("se")?.email).toBe("cert@cert.se");
    expect(csirtFor("ZZ")).toBeNull();
  });
});

describe("listingOff", () => {
  it("names the exact setting for the server header, then the format", () => {
    expect(listingOff("nginx/1.22.1", "apache-pre").setting).toBe("autoindex off;");
    expect(listingOff("Apache/2.4.62 (Debian)", null).setting).toBe("Options -Indexes");
    expect(listingOff("Microsoft-IIS/10.0", null).setting).toContain("directoryBrowse");
    expect(listingOff("lighttpd/1.4.69", null).setting).toContain("dir-listing.activate");
    expect(listingOff("AmazonS3", null).setting).toBe("S3 Block Public Access");
    expect(listingOff("Apache-Coyote/1.1", null).id).toBe("tomcat");
    expect(listingOff(null, "nginx-json").id).toBe("nginx");
    expect(listingOff("", "unknown").id).toBe("generic");
  });

  it("only maps formats that exist, to fixes that exist", () => {
    for (const f of FORMAT_IDS) {
      const fix = listingOff(null, f);
      expect(fix.id === "generic" || LISTING_OFF_IDS.includes(fix.id)).toBe(true);
      expect(fix.how.en.length).toBeGreaterThan(20);
      expect(fix.how.sv.length).toBeGreaterThan(20);
    }
  });
});
