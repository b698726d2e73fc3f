import { describe, expect, it } from "vitest";
import type { Detection, ListingEntry } from "../listing/types.ts";
import { classifyListing } from "./classify-listing.ts";

const file = (name: string, size?: number, modified?: string): ListingEntry => ({
  name,
  href: `https://files.example.test/${encodeURIComponent(name)}`,
  isDir: false,
  ...(size === undefined ? {} : { size }),
  ...(modified === undefined ? {} : { modified }),
});
const dir = (name: string, modified?: string): ListingEntry => ({
  name,
  href: `https://files.example.test/${encodeURIComponent(name)}/`,
  isDir: true,
  ...(modified === undefined ? {} : { modified }),
});
const listing = (entries: ListingEntry[], extra: Partial<Detection> = {}): Detection => ({
  format: "nginx",
  entries,
  ...extra,
});

// The synthetic helpline tree of test/fixtures/tree.json (medicall/2013/04/09/).
const helpline = listing([
  file("20130409-081200_+46701234567_inbound.wav", 1843244, "2013-04-09T08:12:00Z"),
  file("20130409-091532_0701234567_outbound.mp3", 901120, "2013-04-09T09:15:32Z"),
  file("samtal inspelning 2013-04-09.wav", 2097152, "2013-04-09T10:01:00Z"),
  file("journal_patient_19121212-1212.pdf", 48213, "2013-04-10T07:30:00Z"),
  file("lön_2013.xlsx", 12034, "2014-02-25T13:45:00Z"),
  file("a-very-long-recording-name-that-goes-past-fifty-characters_+46812345678.wav", 5242880, "2019-02-18T23:59:00Z"),
  file("backup.sql.gz", 104857600, "2018-06-01T00:00:00Z"),
  file("R&D 'notes' 100%.txt", 123, "2013-04-09T14:20:00Z"),
  file("passport_scan.JPG", 350000, "2013-04-11T11:11:00Z"),
  file("empty.log", 0, "2013-04-09T00:00:00Z"),
  file(".env", 64, "2013-04-09T08:00:00Z"),
  dir("inbound", "2013-04-09T12:00:00Z"),
  dir("old recordings", "2013-04-08T12:00:00Z"),
]);

describe("classifyListing", () => {
  it("judges the helpline folder critical, with readable reasons", () => {
    const j = classifyListing(helpline, "https://helpline.example.test/medicall/2013/04/09/");
    expect(j.severity).toBe("critical");
    expect(j.reportable).toBe(true);
    expect(j.reasons[0]).toBe("3 audio files named like call recordings, with phone numbers");
    expect(j.reasons).toContain("1 file with Swedish personal identity numbers");
    expect(j.reasons).toContain("1 file that looks like identity documents (passport, ID card, driving licence)");
    expect(j.reasons).toContain("10 files whose names or folder suggest medical data");
    expect(j.reasons).toContain(
      "Folders are partitioned by date (/2013/04/09/), so the listing is likely part of a much larger archive",
    );
    expect(j.signals).toEqual(
      expect.arrayContaining([
        "call-recording",
        "phone-number",
        "national-id",
        "medical",
        "identity-document",
        "employment",
        "database-dump",
        "backup",
        "credentials",
        "date-in-name",
        "date-partitioned",
      ]),
    );
    expect(j.summary).toEqual({
      files: 11,
      directories: 2,
      bytes: 1843244 + 901120 + 2097152 + 48213 + 12034 + 5242880 + 104857600 + 123 + 350000 + 0 + 64,
      categories: { audio: 4, document: 2, spreadsheet: 1, database: 1, image: 1, log: 1, config: 1 },
      oldest: "2013-04-08",
      newest: "2019-02-18",
    });
    expect(j.entries.map((e) => e.category).slice(0, 3)).toEqual(["audio", "audio", "audio"]);
    expect(j.entries[0]).toMatchObject({ name: "20130409-081200_+46701234567_inbound.wav", size: 1843244 });
    // Every data file under /medicall/ counts as medical; the .env is configuration.
    expect(j.personalFiles).toBe(10);
  });

  it("formats large counts with thousands separators", () => {
    const entries = Array.from({ length: 1532 }, (_, i) =>
      file(`20130409-08${String(i % 60).padStart(2, "0")}00_+467017406${String(i % 100).padStart(2, "0")}_${i}.wav`),
    );
    const j = classifyListing(listing(entries), "https://files.example.test/calls/");
    expect(j.reasons[0]).toBe("1,532 audio files named like call recordings, with phone numbers");
  });

  it("judges a Debian-like mirror info and not reportable", () => {
    const j = classifyListing(
      listing([
        dir("jigdo-dvd"),
        dir("iso-cd"),
        file("debian-12.5.0-amd64-netinst.iso", 659554304, "2024-02-10T12:00:00Z"),
        file("debian-12.5.0-amd64-DVD-1.iso", 3994091520),
        file("SHA256SUMS", 1024),
        file("SHA256SUMS.sign", 833),
        file("SHA512SUMS", 1500),
        file("README.html"),
        file("HEADER.html"),
      ]),
      "https://mirror.example.test/debian-cd/12.5.0/amd64/",
    );
    expect(j.severity).toBe("info");
    expect(j.reportable).toBe(false);
    expect(j.reasons[0]).toMatch(
      /^The listing looks like a public software mirror or download folder \(.*2 installer images/,
    );
    expect(j.summary.categories).toEqual({ "disk-image": 2, other: 3, code: 2 });
  });

  it("keeps a mirror with a private key critical", () => {
    const j = classifyListing(
      listing([
        file("debian-12.5.0-amd64-netinst.iso"),
        file("SHA256SUMS"),
        file("SHA256SUMS.sign"),
        file("id_rsa", 1679),
      ]),
      "https://mirror.example.test/debian-cd/",
    );
    expect(j.severity).toBe("critical");
    expect(j.reasons[0]).toBe("1 private key or password file");
    expect(j.reasons.at(-1)).toMatch(
      /looks like a public software mirror .* but the findings above are not public downloads/,
    );
  });

  it("judges a folder of holiday photos medium", () => {
    const photos = Array.from({ length: 12 }, (_, i) =>
      file(`IMG_${1234 + i}.JPG`, 3_000_000, `2019-07-0${(i % 9) + 1}`),
    );
    const j = classifyListing(listing(photos), "https://files.example.test/photos/");
    expect(j.severity).toBe("medium");
    expect(j.reportable).toBe(true);
    expect(j.personalFiles).toBe(0);
    expect(j.reasons).toEqual(["12 images with no personal-data signal in their names"]);
    expect(j.summary.oldest).toBe("2019-07-01");
    expect(j.summary.newest).toBe("2019-07-09");
  });

  it("finds date partitioning in a folder of months", () => {
    const months = Array.from({ length: 12 }, (_, i) => dir(String(i + 1).padStart(2, "0")));
    const j = classifyListing(listing(months), "https://helpline.example.test/medicall/2013/");
    expect(j.signals).toContain("date-partitioned");
    expect(j.reasons).toContain(
      "Subfolders are named by date (01, 02 …), so the listing is likely part of a much larger archive",
    );
    expect(j.reasons).toContain("The folder path suggests medical data");
    expect(j.severity).toBe("medium");
    expect(j.summary.bytes).toBeNull();
    expect(j.summary.files).toBe(0);
  });

  it("reads the folders of bucket keys (S3, Azure, GCS)", () => {
    const j = classifyListing(
      listing([
        file("2013/04/09/20130409-081200_+46701234567_inbound.wav", 1000),
        file("2013/04/09/081500.wav", 1000),
        dir("2013/05"),
      ]),
      "https://bucket.example.test/medicall/?list-type=2",
    );
    expect(j.severity).toBe("critical");
    expect(j.signals).toEqual(
      expect.arrayContaining(["call-recording", "phone-number", "medical", "date-partitioned"]),
    );
    expect(j.reasons).toContain(
      "Folders are partitioned by date (/2013/04/09/), so the listing is likely part of a much larger archive",
    );
    expect(j.entries.map((e) => e.name)).toEqual([
      "2013/04/09/20130409-081200_+46701234567_inbound.wav",
      "2013/04/09/081500.wav",
      "2013/05",
    ]);
  });

  it("judges an exposed .git folder high", () => {
    const j = classifyListing(
      listing([dir(".git"), file("index.php"), file("style.css")]),
      "https://www.example.test/",
    );
    expect(j.severity).toBe("high");
    expect(j.summary.categories["source-control"]).toBe(1);
    expect(j.reasons[0]).toMatch(/version-control folder/);
  });

  it("judges Apache's /icons/ folder info", () => {
    const icons = [
      "a.gif",
      "back.gif",
      "blank.gif",
      "folder.gif",
      "image2.gif",
      "sound1.gif",
      "text.png",
      "README",
      "small",
    ];
    const j = classifyListing(
      listing(icons.map((n) => (n === "small" ? dir(n) : file(n)))),
      "https://www.example.test/icons/",
    );
    expect(j.severity).toBe("info");
  });

  it("judges a few generic files low, an empty listing low", () => {
    const few = classifyListing(
      listing([file("notes.txt"), file("unknown"), dir("misc")]),
      "https://files.example.test/x/",
    );
    expect(few.severity).toBe("low");
    expect(few.reportable).toBe(false);
    expect(few.reasons).toEqual(["2 files and 1 folder with no personal-data signal"]);
    const empty = classifyListing(listing([]), "https://files.example.test/x/");
    expect(empty.severity).toBe("low");
    expect(empty.reasons).toEqual(["The listing is empty"]);
    expect(empty.summary).toEqual({
      files: 0,
      directories: 0,
      bytes: null,
      categories: {},
      oldest: null,
      newest: null,
    });
  });

  it("says when the listing is cut off", () => {
    const j = classifyListing(listing([file("dump.sql")], { truncated: true }), "https://files.example.test/x/");
    expect(j.reasons).toContain("The listing is cut off, so the folder holds more than it shows");
  });

  it("calls more than 100,000 personal files critical", () => {
    const entries = Array.from({ length: 100_001 }, (_, i) => file(`kund_${i}.pdf`));
    const j = classifyListing(listing(entries), "https://files.example.test/x/");
    expect(j.severity).toBe("critical");
    expect(j.reasons[0]).toBe("More than 100,000 files with personal data");
  });

  it("stays linear: 20,000 generated names in well under a second", () => {
    const entries = Array.from({ length: 20_000 }, (_, i) =>
      file(`20130409-${String(80000 + i).slice(-6)}_+4670${String(1000000 + i * 37).slice(0, 7)}_inbound.wav`, 1000),
    );
    const start = performance.now();
    const j = classifyListing(listing(entries), "https://helpline.example.test/medicall/2013/04/09/");
    expect(performance.now() - start).toBeLessThan(1000);
    expect(j.personalFiles).toBe(20_000);
  });
});
