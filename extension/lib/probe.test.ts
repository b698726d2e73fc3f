import { describe, expect, it } from "vitest";
import { foldersToProbe, PROBE_LEVELS } from "./probe.ts";

const FILE = "http://files.example.com/medicall/2013/04/09/20130409-081200_%2B46701234567_inbound.wav";

describe("foldersToProbe", () => {
  it("names at most three folders above a recording, nearest first", () => {
    expect(PROBE_LEVELS).toBe(3);
    expect(foldersToProbe(FILE, "2026-11-25", {}, false)).toEqual([
      "http://files.example.com/medicall/2013/04/09/",
      "http://files.example.com/medicall/2013/04/",
      "http://files.example.com/medicall/2013/",
    ]);
  });

  it("stops at the root", () => {
    expect(foldersToProbe("https://files.example.com/a/scan.pdf", "2026-11-25", {}, false)).toEqual([
      "https://files.example.com/a/",
      "https://files.example.com/",
    ]);
  });

  it("asks each folder at most once a day", () => {
    const probed = {
      "http://files.example.com/medicall/2013/04/": "2026-11-25",
      "http://files.example.com/medicall/2013/": "2026-11-24",
    };
    expect(foldersToProbe(FILE, "2026-11-25", probed, false)).toEqual([
      "http://files.example.com/medicall/2013/04/09/",
      "http://files.example.com/medicall/2013/",
    ]);
  });

  it("ignores pages, folders, private hosts and other kinds of file", () => {
    expect(foldersToProbe("http://files.example.com/medicall/", "2026-11-25", {}, false)).toEqual([]);
    expect(foldersToProbe("http://files.example.com/index.html", "2026-11-25", {}, false)).toEqual([]);
    expect(foldersToProbe("http://files.example.com/app.js", "2026-11-25", {}, false)).toEqual([]);
    expect(foldersToProbe("http://192.168.1.4/calls/a.wav", "2026-11-25", {}, false)).toEqual([]);
    expect(foldersToProbe("http://127.0.0.1:8080/calls/a.wav", "2026-11-25", {}, false)).toEqual([]);
    expect(foldersToProbe("http://127.0.0.1:8080/calls/a.wav", "2026-11-25", {}, true)).toHaveLength(2);
  });
});
