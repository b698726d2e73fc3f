import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { danishControlValid, finnishControlChar, luhnValid, norwegianControlValid } from "./checksums.ts";
import { dateDirKind, pathDatePartition, siblingsPartitioned } from "./date-partition.ts";
import { scanNumbers } from "./numbers.ts";
import { SIGNALS } from "./signals.ts";
import { signalsOf } from "./signals-of.ts";

const has = (name: string, signal: string): boolean => (signalsOf(name) as string[]).includes(signal);

describe("checksums", () => {
  it("accepts the documented test numbers", () => {
    expect(luhnValid("1212121212")).toBe(true); // Skatteverket's 19121212-1212
    expect(luhnValid("1212121213")).toBe(false);
    expect(norwegianControlValid("01810150110")).toBe(true);
    expect(norwegianControlValid("01810150111")).toBe(false);
    expect(danishControlValid("0101904008")).toBe(true);
    expect(finnishControlChar("010101900")).toBe("R");
  });
});

describe("phone numbers", () => {
  it.each([
    "+46701234567",
    "+46 70-174 06 00",
    "0046701740601",
    "0701234567",
    "070-174 06 02",
    "08-123 45 67",
    "(555) 555-0100",
    "555-555-0123",
    "555.555.0142",
    "+1 555 555 0199",
    "call_+46701740603.wav",
    "rec0701740604.mp3",
  ])("finds %s", (name) => {
    expect(has(name, "phone-number")).toBe(true);
  });

  it.each([
    "20130409-081200",
    "201304090812",
    "20130409081200",
    "1365494400",
    "IMG_1234.JPG",
    "DSC01234.JPG",
    "linux-5.15.0-91.tar.gz",
    "192.168.001.010.log",
    "frame_00123456.png",
    "a3f40701234567b9.bin",
    "123e4567-e89b-12d3-a456-426614174000.json",
    "ubuntu-22.04.3-desktop-amd64.iso",
    "09042013.pdf",
    "v0.1.2.3.4.5.6.7",
  ])("does not take %s for a phone number", (name) => {
    expect(has(name, "phone-number")).toBe(false);
  });

  it("reads the helpline name as a date, a time and one phone number", () => {
    expect(signalsOf("20130409-081200_+46701234567_inbound.wav")).toEqual([
      "call-recording",
      "phone-number",
      "date-in-name",
    ]);
  });
});

describe("national identity numbers", () => {
  it.each([
    ["19121212-1212", "se-personnummer"],
    ["121212-1212", "se-personnummer"],
    ["191212121212", "se-personnummer"],
    ["121272-1219", "se-samordningsnummer"],
    ["010190-4008", "dk-cpr"],
    ["01810150110", "no-fodselsnummer"],
    ["010101A900R", "fi-hetu"],
    ["010150-900C", "fi-hetu"],
    ["123-45-6789", "us-ssn"],
  ])("finds %s (%s)", (name, id) => {
    const trace = new Set<string>();
    expect(scanNumbers(`x_${name}.pdf`, trace).idKinds).not.toBe(0);
    expect(trace.has(id)).toBe(true);
  });

  it.each([
    "19121212-1213", // Luhn fails
    "20130409-0812", // a date and a time
    "201304090812",
    "0701234567", // a phone number, not someone born in 2007
    "000-12-3456", // never-issued SSN area
    "666-12-3456",
    "912-34-5678",
    "123-00-4567",
    "010101A900S", // wrong control character
    "01810150111",
    "+46701234567",
  ])("rejects %s", (name) => {
    expect(has(name, "national-id")).toBe(false);
  });

  it("never takes a timestamp for an ID or a phone number", () => {
    const stamp = fc.record({
      y: fc.integer({ min: 2000, max: 2030 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      sep: fc.constantFrom("-", "_", "T", ""),
    });
    fc.assert(
      fc.property(stamp, ({ y, mo, d, h, mi, s, sep }) => {
        const p = (n: number) => String(n).padStart(2, "0");
        const name = `${y}${p(mo)}${p(d)}${sep}${p(h)}${p(mi)}${p(s)}.wav`;
        const signals = signalsOf(name);
        return (
          !signals.includes("phone-number") && !signals.includes("national-id") && signals.includes("date-in-name")
        );
      }),
    );
  });
});

describe("emails, words and dates", () => {
  it("finds email addresses but not retina assets", () => {
    expect(has("kalle.anka@example.com.eml", "email-address")).toBe(true);
    expect(has("support@example.test", "email-address")).toBe(true);
    expect(has("logo@2x.png", "email-address")).toBe(false);
    expect(has("logo@2x.retina.png", "email-address")).toBe(false);
  });

  it("reads words in several languages, inflected and compounded", () => {
    expect(has("Patienter.pdf", "medical")).toBe(true);
    expect(has("PatientJournal.pdf", "medical")).toBe(true);
    expect(has("läkarintyg.pdf", "medical")).toBe(true);
    expect(has("recordings.mp3", "call-recording")).toBe(true);
    expect(has("ID-kort.jpg", "identity-document")).toBe(true);
    expect(has("Kontoauszug.pdf", "financial")).toBe(true);
    expect(has("søknad.docx", "employment")).toBe(true);
  });

  it("keeps look-alike words out", () => {
    expect(signalsOf("diagnostics.log")).toEqual([]);
    expect(signalsOf("reception.jpg")).toEqual([]);
    expect(signalsOf("passive.pdf")).toEqual([]);
    expect(signalsOf("eleven.mp3")).toEqual([]);
    expect(signalsOf("callback.mp3")).toEqual([]);
    expect(has("samtal.pdf", "call-recording")).toBe(false);
  });

  it("reads dates in names", () => {
    for (const name of [
      "IMG_20190101_123456.jpg",
      "2013-04-09.pdf",
      "09.04.2013.pdf",
      "09042013.pdf",
      "report_2013-04.pdf",
    ]) {
      expect(has(name, "date-in-name"), name).toBe(true);
    }
    expect(has("2013-13-45.pdf", "date-in-name")).toBe(false);
  });
});

describe("date partitions", () => {
  it("reads the listing path", () => {
    expect(pathDatePartition(["medicall", "2013", "04", "09"])).toBe("/2013/04/09/");
    expect(pathDatePartition(["calls", "2013", "04"])).toBe("/2013/04/");
    expect(pathDatePartition(["calls", "2013-04-09"])).toBe("/2013-04-09/");
    expect(pathDatePartition(["pub", "2013"])).toBeNull();
    expect(signalsOf("a.wav", "https://files.example.test/rec/2013/04/09/")).toContain("date-partitioned");
    expect(signalsOf("a.wav", "/rec/2013-04-09/")).toContain("date-partitioned");
    expect(signalsOf("a.wav", "https://b.example.test/?list-type=2&prefix=rec/2013/04/09/")).toContain(
      "date-partitioned",
    );
    expect(signalsOf("a.wav", "https://files.example.test/?dir=rec/2013/04/09")).toContain("date-partitioned");
  });

  it("reads sibling folders", () => {
    expect(dateDirKind("2013")).toBe("year");
    expect(dateDirKind("04")).toBe("month");
    expect(dateDirKind("2013-04-09")).toBe("date");
    expect(dateDirKind("2013-02-30")).toBeNull();
    expect(siblingsPartitioned({ year: 0, month: 12, day: 0, date: 0 }, ["medicall", "2013"])).toBe(true);
    expect(siblingsPartitioned({ year: 0, month: 1, day: 0, date: 0 }, ["medicall", "2013"])).toBe(true);
    expect(siblingsPartitioned({ year: 2, month: 0, day: 0, date: 0 }, [])).toBe(true);
    expect(siblingsPartitioned({ year: 1, month: 0, day: 0, date: 0 }, [])).toBe(false);
  });
});

describe("signalsOf", () => {
  it("returns signals in canonical order, without duplicates", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const signals = signalsOf(name);
        const order = signals.map((s) => SIGNALS.indexOf(s));
        return order.every((v, i) => v >= 0 && (i === 0 || v > (order[i - 1] ?? -1)));
      }),
    );
  });

  it("passes medical context from the path to the files in it", () => {
    expect(signalsOf("081200.wav", "https://helpline.example.test/medicall/2013/04/09/")).toEqual([
      "medical",
      "date-partitioned",
    ]);
  });
});
