// The XARF builder's output validated (ajv, JSON Schema 2020-12) against the schema written
// from the XARF v4 spec (test/support/xarf/), and the anonymity it promises.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { EvidenceRow } from "../../worker/src/disclose/notice/facts.ts";
import { buildXarf } from "../../worker/src/disclose/notice/xarf.ts";

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, "../support/xarf/xarf-v4-content-exposed-data.schema.json"), "utf8"),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
ajv.addFormat("email", /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat("uri", (s: string) => URL.canParse(s));
const validate = ajv.compile(schema);

const kase = {
  id: "0b7f2d4e-1c3a-4f5b-9d8e-7a6b5c4d3e2f",
  listing_root: "https://clinic.example.se/medicall/",
  host: "clinic.example.se",
  severity: "critical",
  format: "nginx",
};

function evidence(over: Partial<EvidenceRow> = {}): EvidenceRow {
  return {
    checked_at: 1_795_955_696_000,
    server: "nginx/1.22.1",
    format: "nginx",
    outcome: "verified",
    summary_json: JSON.stringify({
      summary: {
        files: 7,
        directories: 2,
        categories: { audio: 5, document: 2 },
        oldest: "2013-04-08",
        newest: "2013-04-09",
      },
      severity: "critical",
      signals: ["phone-number", "call-recording", "medical"],
    }),
    estimate_json: JSON.stringify({ files: 2_700_000 }),
    samples_json: JSON.stringify(["########-######_+###########_inbound.wav"]),
    sha256: "ab".repeat(32),
    ...over,
  };
}

describe("buildXarf", () => {
  it("is a valid XARF v4 content/exposed_data report", () => {
    const report = buildXarf(kase, [evidence()], 1_796_000_000_000, {
      ip: "192.0.2.10",
      country: "SE",
      baseUrl: "https://indexwatch.example.org",
    });
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report).toMatchObject({
      report_id: kase.id,
      timestamp: "2026-11-29T12:34:56Z",
      source_identifier: "192.0.2.10",
      source_port: 443,
      record_count: 2_700_000,
      accessibility: "public",
      country_code: "SE",
      reporter: { org: "Indexwatch", domain: "indexwatch.example.org" },
    });
    expect(report.data_types).toEqual(
      expect.arrayContaining(["personal_information", "medical", "phone_numbers", "audio_recordings", "documents"]),
    );
    expect(report.tags).toContain("severity:critical");
  });

  it("says 'removed' once the last check found the listing gone, and stays valid with no evidence", () => {
    const gone = buildXarf(
      kase,
      [evidence(), evidence({ checked_at: 1_796_100_000_000, outcome: "not_reproducible" })],
      0,
    );
    expect(gone.accessibility).toBe("removed");
    expect(validate(gone)).toBe(true);
    const bare = buildXarf(kase, [], 1_796_000_000_000);
    expect(validate(bare)).toBe(true);
    expect(bare.source_identifier).toBe("clinic.example.se");
  });

  it("fails the schema when a required member is missing (the schema can fail)", () => {
    const report = buildXarf(kase, [evidence()], 0);
    delete report.reporter;
    expect(validate(report)).toBe(false);
  });

  it("never names the person who reported: reporter and sender are Indexwatch", () => {
    const r = buildXarf(kase, [evidence()], 0, { baseUrl: "https://indexwatch.example.org" });
    expect(r.reporter).toEqual(r.sender);
    expect(JSON.stringify(r)).not.toMatch(/46701234567/);
  });
});
