// The report documented in the README, as tests send it (a pow is added by each test).

/** The documented example report, without its proof of work. */
export function exampleReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 1,
    listingUrl: "http://files.example.com:443/medicall/2013/04/09/",
    format: "apache-htmltable",
    observedAt: "2026-11-25T11:00:00Z",
    summary: {
      files: 1529,
      directories: 3,
      bytes: 123456789,
      categories: { audio: 1500, document: 29 },
      oldest: "2014-02-25",
      newest: "2019-02-18",
    },
    severity: "critical",
    signals: ["phone-number", "call-recording", "date-partitioned"],
    samples: ["########-######_+###########_inbound.wav"],
    client: { name: "indexwatch-extension", version: "0.1.0" },
    ...overrides,
  };
}
