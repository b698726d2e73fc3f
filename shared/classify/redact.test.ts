import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_NAME_CHARS, redact } from "./redact.ts";
import { signalsOf } from "./signals-of.ts";
import { forEachToken } from "./tokens.ts";

const tokensOf = (text: string): string[] => {
  const out: string[] = [];
  forEachToken(text, (token) => out.push(token.toLowerCase()));
  return out;
};

describe("redact", () => {
  it.each([
    ["20130409-081200_+46701234567_inbound.wav", "########-######_+###########_inbound.wav"],
    ["Anna Svensson CV.pdf", "**** ******** CV.pdf"],
    ["anna_svensson_cv.pdf", "****_********_cv.pdf"],
    ["kalle.anka@example.com.eml", "*****.****@*******.***.eml"],
    ["journal_patient_19121212-1212.pdf", "journal_patient_########-####.pdf"],
    ["lön_2013.xlsx", "lön_####.xlsx"],
    ["Åsa Öberg faktura.pdf", "*** ***** faktura.pdf"],
    ["backup.sql.gz", "backup.sql.gz"],
    ["IMG_1234.JPG", "IMG_####.JPG"],
    ["(555) 555-0100.mp3", "(###) ###-####.mp3"],
    ["samtal inspelning 2013-04-09.wav", "samtal inspelning ####-##-##.wav"],
  ])("%s → %s", (name, shape) => {
    expect(redact(name)).toBe(shape);
  });

  it("masks names typed on a Mac the same as composed ones", () => {
    expect(redact("A\u030asa.pdf")).toBe(redact("Åsa.pdf"));
  });

  it("is idempotent on any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => redact(redact(s)) === redact(s)));
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => redact(redact(s)) === redact(s)));
  });

  it("leaves no digit of any script", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 80 }), (s) => !/\p{Nd}/u.test(redact(s))));
  });

  it("lets no phone number, ID number, email address or name-like token through", () => {
    const p2 = (n: number) => String(n).padStart(2, "0");
    const phone = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((n) => `+46 70-174 06 ${p2(n)}`),
      fc.integer({ min: 0, max: 99 }).map((n) => `070174060${n % 10}`),
      fc.integer({ min: 0, max: 99 }).map((n) => `(555) 555-01${p2(n)}`),
      fc.integer({ min: 1000000, max: 9999999 }).map((n) => `+4670${n}`),
    );
    const id = fc.constantFrom(
      "19121212-1212",
      "121272-1219",
      "010190-4008",
      "01810150110",
      "010101A900R",
      "123-45-6789",
    );
    const syllable = fc.constantFrom(
      "an",
      "na",
      "sv",
      "ens",
      "son",
      "ka",
      "lle",
      "ber",
      "gis",
      "ma",
      "ri",
      "jo",
      "han",
      "li",
      "sa",
      "öb",
      "år",
    );
    const person = fc
      .array(syllable, { minLength: 2, maxLength: 4 })
      .map((parts) => parts.join(""))
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .filter((w) => redact(w) === "*".repeat([...w].length));
    const email = fc.tuple(person, person).map(([a, b]) => `${a.toLowerCase()}.${b.toLowerCase()}@example.com`);
    const known = fc.constantFrom(
      "inbound",
      "samtal",
      "recording",
      "CV",
      "faktura",
      "scan",
      "IMG",
      "final",
      "copy",
      "patient",
    );
    const part = fc.oneof(
      phone.map((v) => ({ v, secret: true })),
      id.map((v) => ({ v, secret: true })),
      email.map((v) => ({ v, secret: true })),
      person.map((v) => ({ v, secret: true })),
      known.map((v) => ({ v, secret: false })),
    );
    const name = fc.tuple(
      fc.array(part, { minLength: 1, maxLength: 5 }),
      fc.constantFrom("_", "-", " ", " - "),
      fc.constantFrom(".wav", ".pdf", ".jpg", ".eml", ""),
    );
    fc.assert(
      fc.property(name, ([parts, sep, ext]) => {
        const original = parts.map((p) => p.v).join(sep) + ext;
        const shape = redact(original);
        if (/\d/.test(shape) || /@\p{L}/u.test(shape)) return false;
        const signals = signalsOf(shape);
        if (signals.includes("phone-number") || signals.includes("national-id") || signals.includes("email-address"))
          return false;
        const kept = new Set(tokensOf(shape));
        return parts
          .filter((p) => p.secret)
          .every((p) => tokensOf(p.v).every((t) => !kept.has(t) || t === "example" || t === "com"));
      }),
      { numRuns: 500 },
    );
  });
});

describe("redact: names of any length", () => {
  it("keeps a megabyte name's start and end around an ellipsis, within the report's limit", () => {
    const name = `<script>${"a".repeat(2 * 1024 * 1024)}_20130409-081200_+46701740605_inbound.wav`;
    const shape = redact(name);
    expect(shape.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
    expect(shape).toBe(`<******>${"*".repeat(72)}…-######_+###########_inbound.wav`);
    expect(redact(shape)).toBe(shape);
  });

  it("never cuts a surrogate pair and stays idempotent for long names", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 100, maxLength: 400 }), (s) => {
        const once = redact(s);
        return (
          once.length <= MAX_NAME_CHARS && redact(once) === once && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(once)
        );
      }),
    );
  });
});
