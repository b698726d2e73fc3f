import { describe, expect, it } from "vitest";
import { checkTarget } from "./guard.ts";
import { blockedAddress, ipv6Groups } from "./ip.ts";
import { folderChain, normaliseListingUrl } from "./normalise.ts";

// Every spelling of a private or reserved target that a hostile report could use.
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  ["http://127.0.0.1/", "private_address"],
  ["http://127.1/", "private_address"],
  ["http://2130706433/", "private_address"],
  ["http://0177.0.0.1/", "private_address"],
  ["http://0x7f.0.0.1/", "private_address"],
  ["http://0x7f000001/", "private_address"],
  ["http://017700000001/", "private_address"],
  ["http://127.000.000.001/", "private_address"],
  ["http://0.0.0.0/", "private_address"],
  ["http://0/", "private_address"],
  ["http://10.0.0.1/", "private_address"],
  ["http://10.255.255.255:8080/", "private_address"],
  ["http://172.16.0.1/", "private_address"],
  ["http://172.31.255.254/", "private_address"],
  ["http://192.168.1.1/", "private_address"],
  ["http://0xc0.0xa8.1.1/", "private_address"],
  ["http://3232235777/", "private_address"],
  ["http://169.254.169.254/latest/meta-data/", "private_address"],
  ["http://0xa9fea9fe/", "private_address"],
  ["http://100.64.0.1/", "private_address"],
  ["http://192.0.0.8/", "private_address"],
  ["http://192.0.2.10/", "private_address"],
  ["http://198.51.100.7/", "private_address"],
  ["http://203.0.113.9/", "private_address"],
  ["http://198.18.0.1/", "private_address"],
  ["http://224.0.0.1/", "private_address"],
  ["http://239.255.255.250/", "private_address"],
  ["http://240.0.0.1/", "private_address"],
  ["http://255.255.255.255/", "private_address"],
  ["http://[::1]/", "private_address"],
  ["http://[0:0:0:0:0:0:0:1]/", "private_address"],
  ["http://[::]/", "private_address"],
  ["http://[::ffff:127.0.0.1]/", "private_address"],
  ["http://[::ffff:7f00:1]/", "private_address"],
  ["http://[::ffff:169.254.169.254]/", "private_address"],
  ["http://[::ffff:10.0.0.1]/", "private_address"],
  ["http://[64:ff9b::a9fe:a9fe]/", "private_address"],
  ["http://[2002:7f00:1::]/", "private_address"],
  ["http://[2002:c0a8:101::1]/", "private_address"],
  ["http://[fc00::1]/", "private_address"],
  ["http://[fd12:3456:789a::1]/", "private_address"],
  ["http://[fe80::1]/", "private_address"],
  ["http://[fec0::1]/", "private_address"],
  ["http://[ff02::1]/", "private_address"],
  ["http://[2001:db8::1]/", "private_address"],
  ["http://[::127.0.0.1]/", "private_address"],
  ["http://localhost/", "private_address"],
  ["http://LOCALHOST./", "private_address"],
  ["http://files.localhost/", "private_address"],
  ["http://127.0.0.1./", "private_address"],
  ["http://nas.local/", "private_name"],
  ["http://printer.lan/", "private_name"],
  ["http://db.internal/", "private_name"],
  ["http://router.home.arpa/", "private_name"],
  ["http://intranet/", "single_label_name"],
  ["http://files/", "single_label_name"],
  ["http://user:pass@files.example.com/", "userinfo_not_allowed"],
  ["http://files.example.com@127.0.0.1/", "userinfo_not_allowed"],
  ["ftp://files.example.com/", "scheme_not_allowed"],
  ["file:///etc/passwd", "scheme_not_allowed"],
  ["javascript:alert(1)", "scheme_not_allowed"],
  ["gopher://files.example.com/", "scheme_not_allowed"],
  ["not a url", "not_a_url"],
  ["//files.example.com/", "not_a_url"],
  ["http://999.0.0.1/", "not_a_url"],
];

describe("checkTarget refuses private and reserved targets in every spelling", () => {
  it.each(REFUSED)("%s → %s", (url, refusal) => {
    const r = checkTarget(url);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toBe(refusal);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });

  it("tries at least fifty vectors", () => {
    expect(REFUSED.length).toBeGreaterThanOrEqual(50);
  });
});

describe("checkTarget accepts public targets", () => {
  it.each([
    "http://files.example.com/medicall/2013/04/09/",
    "http://files.example.com:443/medicall/",
    "https://listing.example.org/",
    "http://1.1.1.1/",
    "http://[2606:4700:4700::1111]/",
    "http://xn--bcher-kva.example/",
    "http://bücher.example/",
    "http://files.example.com./",
  ])("%s", (url) => {
    expect(checkTarget(url).ok).toBe(true);
  });

  it("lets loopback through only when asked to, and nothing else private", () => {
    for (const url of ["http://127.0.0.1:8080/a/", "http://localhost:8787/", "http://[::1]/", "http://127.1/"]) {
      expect(checkTarget(url, { allowLoopback: true }).ok, url).toBe(true);
      expect(checkTarget(url).ok, url).toBe(false);
    }
    for (const url of [
      "http://10.0.0.1/",
      "http://169.254.169.254/",
      "http://nas.local/",
      "http://[::ffff:10.0.0.1]/",
    ]) {
      expect(checkTarget(url, { allowLoopback: true }).ok, url).toBe(false);
    }
  });
});

describe("addresses", () => {
  it("reads IPv6 in every form", () => {
    expect(ipv6Groups("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("::ffff:127.0.0.1")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups("2001:db8::")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ipv6Groups("fe80::1%eth0")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("1::2::3")).toBeNull();
    expect(ipv6Groups("12345::")).toBeNull();
    expect(ipv6Groups("1:2:3:4:5:6:7")).toBeNull();
  });

  it("names why an address is blocked, and passes public ones", () => {
    expect(blockedAddress("169.254.169.254")).toMatch(/link-local/);
    expect(blockedAddress("[::ffff:192.168.0.1]")).toMatch(/IPv4-mapped private/);
    expect(blockedAddress("8.8.8.8")).toBeNull();
    expect(blockedAddress("[2606:4700::1]")).toBeNull();
    expect(blockedAddress("[::ffff:8.8.8.8]")).toBeNull();
    expect(blockedAddress("example.com")).toBe("not an IP address");
  });
});

describe("normaliseListingUrl", () => {
  it.each([
    ["HTTP://Files.Example.COM:80/a/./b/../c/?x=1#y", "http://files.example.com/a/c/"],
    ["https://files.example.com:443/a/", "https://files.example.com/a/"],
    ["http://files.example.com:443/medicall/2013/04/09/", "http://files.example.com:443/medicall/2013/04/09/"],
    ["http://user:pw@files.example.com/a/", "http://files.example.com/a/"],
    ["http://files.example.com./a/", "http://files.example.com/a/"],
    ["http://bücher.example/a%20b/", "http://xn--bcher-kva.example/a%20b/"],
    ["http://files.example.com/a b/", "http://files.example.com/a%20b/"],
  ])("%s → %s", (raw, want) => {
    expect(normaliseListingUrl(new URL(raw))).toBe(want);
  });

  it("lists the folders from the root down", () => {
    expect(folderChain("http://files.example.com:443/medicall/2013/")).toEqual([
      "http://files.example.com:443/",
      "http://files.example.com:443/medicall/",
      "http://files.example.com:443/medicall/2013/",
    ]);
  });
});
