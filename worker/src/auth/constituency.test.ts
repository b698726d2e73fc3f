import { describe, expect, it } from "vitest";
import { parseConstituency, scopeSql } from "./constituency.ts";
import { canonicalIp, cidrHexBounds, ipHex } from "./ip-hex.ts";

describe("ipHex and cidrHexBounds", () => {
  it("puts IPv4 and IPv6 addresses on one ordered scale", () => {
    expect(ipHex("192.0.2.1")).toBe("00000000000000000000ffffc0000201");
    expect(ipHex("::ffff:192.0.2.1")).toBe(ipHex("192.0.2.1"));
    expect(ipHex("2001:db8::1")).toBe("20010db8000000000000000000000001");
    expect(ipHex("[2001:db8::1]")).toBe(ipHex("2001:db8::1"));
    expect(ipHex("example.test")).toBeNull();
    expect(ipHex("256.0.0.1")).toBeNull();
  });

  it("writes addresses canonically", () => {
    expect(canonicalIp("2001:0DB8:0:0:0:0:0:0001")).toBe("2001:db8::1");
    expect(canonicalIp("2001:db8:1:0:0:1:0:0")).toBe("2001:db8:1::1:0:0");
    expect(canonicalIp("192.0.2.7")).toBe("192.0.2.7");
  });

  it("bounds a range, and refuses host bits and bad prefixes", () => {
    const b = cidrHexBounds("198.51.100.0/24");
    expect(b?.lo).toBe(ipHex("198.51.100.0"));
    expect(b?.hi).toBe(ipHex("198.51.100.255"));
    const v6 = cidrHexBounds("2001:db8:1::/48");
    expect(v6?.hi).toBe(ipHex("2001:db8:1:ffff:ffff:ffff:ffff:ffff"));
    expect(cidrHexBounds("192.0.2.0/22")).toBeNull(); // host bits set (192.0.0.0/22)
    expect(cidrHexBounds("192.0.2.1/24")).toBeNull();
    expect(cidrHexBounds("192.0.2.0/33")).toBeNull();
    expect(cidrHexBounds("192.0.2.0")).toBeNull();
    expect(cidrHexBounds("0.0.0.0/0")?.hi).toBe(ipHex("255.255.255.255"));
    // Inside and outside, by string order.
    const inside = ipHex("198.51.100.42") ?? "";
    const outside = ipHex("198.51.101.0") ?? "";
    expect(inside >= (b?.lo ?? "") && inside <= (b?.hi ?? "")).toBe(true);
    expect(outside >= (b?.lo ?? "") && outside <= (b?.hi ?? "")).toBe(false);
  });
});

describe("parseConstituency", () => {
  it("reads countries, ranges and AS numbers as typed on the command line", () => {
    expect(parseConstituency({ countries: "se, no,SE", ranges: "192.0.2.0/24", asns: "AS64500,64501" })).toEqual({
      countries: ["SE", "NO"],
      ranges: ["192.0.2.0/24"],
      asns: [64500, 64501],
    });
  });

  it("names the first bad value", () => {
    expect(() => parseConstituency({ countries: "Sweden" })).toThrow(/Sweden/);
    expect(() => parseConstituency({ ranges: "192.0.2.1/24" })).toThrow(/192.0.2.1\/24/);
    expect(() => parseConstituency({ asns: "AS-1" })).toThrow(/AS-1/);
  });
});

describe("scopeSql", () => {
  const viewer = (c: Partial<{ countries: string[]; ranges: string[]; asns: number[] }>, operator = false) => ({
    teamId: "t",
    teamName: "T",
    operator,
    constituency: { countries: c.countries ?? [], ranges: c.ranges ?? [], asns: c.asns ?? [] },
  });

  it("lets operators see everything and an empty constituency nothing", () => {
    expect(scopeSql(viewer({}, true))).toEqual({ sql: "1 = 1", params: [] });
    expect(scopeSql(viewer({}))).toEqual({ sql: "0 = 1", params: [] });
  });

  it("requires a location and binds every value", () => {
    const s = scopeSql(viewer({ countries: ["SE"], ranges: ["192.0.2.0/24"], asns: [64500] }));
    expect(s.sql).toMatch(/^\(l\.case_id IS NOT NULL AND \(/);
    expect(s.params).toEqual(["SE", ipHex("192.0.2.0"), ipHex("192.0.2.255"), 64500]);
    expect(s.sql.split("?").length - 1).toBe(s.params.length);
  });
});
