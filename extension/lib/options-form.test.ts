import { describe, expect, it } from "vitest";
import { parseOptionsForm } from "./options-form.ts";

const form = { apiBase: "", autoReport: false, parentProbe: false, ignoredSites: "" };

describe("parseOptionsForm", () => {
  it("keeps the build's API when the field is empty", () => {
    expect(parseOptionsForm(form)).toEqual({
      ok: true,
      options: { apiBase: null, autoReport: false, parentProbe: false, ignoredSites: [] },
    });
  });

  it("takes another instance's address, without a trailing slash", () => {
    const r = parseOptionsForm({ ...form, apiBase: " https://indexwatch.cert.example.org/ ", autoReport: true });
    expect(r).toEqual({
      ok: true,
      options: {
        apiBase: "https://indexwatch.cert.example.org",
        autoReport: true,
        parentProbe: false,
        ignoredSites: [],
      },
    });
  });

  it("refuses an address that is not http(s)", () => {
    for (const apiBase of ["indexwatch.example.org", "javascript:alert(1)", "ftp://example.org"]) {
      expect(parseOptionsForm({ ...form, apiBase })).toEqual({ ok: false, field: "apiBase" });
    }
  });

  it("reads the ignore list as lower-case hosts, one each", () => {
    const r = parseOptionsForm({ ...form, ignoredSites: "Example.COM\nhttps://files.example.net/a/\n\nexample.com" });
    expect(r.ok && r.options.ignoredSites).toEqual(["example.com", "files.example.net"]);
  });
});
