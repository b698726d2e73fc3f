import { describe, expect, it } from "vitest";
import { blockedReason, isIgnoredHost } from "./reportability.ts";
import { listingFinding, mirrorFinding } from "./test-support.ts";

const open = { allowLoopback: false, ignoredSites: [] };

describe("blockedReason", () => {
  it("lets a critical listing on a public host through", () => {
    expect(blockedReason(listingFinding(5), open)).toBeNull();
  });

  it("refuses info and low listings", () => {
    expect(blockedReason(mirrorFinding(), open)).toBe("severity");
  });

  it("refuses private hosts in every spelling, loopback only in local builds", () => {
    for (const url of [
      "http://10.0.0.7/medicall/2013/04/09/",
      "http://nas.local/medicall/2013/04/09/",
      "http://fileserver/medicall/2013/04/09/",
      "http://0x7f.1/medicall/2013/04/09/",
    ]) {
      expect(blockedReason(listingFinding(5, url), open), url).toBe("private_host");
    }
    const local = listingFinding(5, "http://127.0.0.1:8080/medicall/2013/04/09/");
    expect(blockedReason(local, open)).toBe("private_host");
    expect(blockedReason(local, { allowLoopback: true, ignoredSites: [] })).toBeNull();
  });

  it("refuses sites the user ignores, subdomains included", () => {
    expect(blockedReason(listingFinding(5), { allowLoopback: false, ignoredSites: ["example.com"] })).toBe(
      "ignored_site",
    );
    expect(isIgnoredHost("Files.Example.com", ["example.com"])).toBe(true);
    expect(isIgnoredHost("notexample.com", ["example.com"])).toBe(false);
  });
});
