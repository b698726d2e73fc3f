// Runs the detector on listings freshly captured from real servers (regenerate.sh with
// FIXTURES_OUT=DIR) and checks them against the expected.json the script wrote from the files
// on disk. .ci/run uses it so that the committed fixtures can never drift from what today's
// Debian servers serve. Prints "N passed, N failed" and exits non-zero on a failure.
//
//   node test/live/check-live-listings.ts DIR
import { detectListing } from "../../shared/listing/detect.ts";
import type { DetectInput } from "../../shared/listing/types.ts";
import { listingFixtures } from "../support/fixtures.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node test/live/check-live-listings.ts DIR");
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const fx of listingFixtures(dir)) {
  const input: DetectInput = { url: fx.url };
  if (fx.contentType !== undefined) input.contentType = fx.contentType;
  if (fx.headers !== undefined) input.headers = fx.headers;
  const got = detectListing(fx.body, input);
  const gotNames = (got?.entries ?? []).map((e) => `${e.name}${e.isDir ? "/" : ""}`).join("\n");
  const wantNames = fx.entries.map((e) => `${e.name}${e.isDir ? "/" : ""}`).join("\n");
  const problems: string[] = [];
  if (got?.format !== fx.format) problems.push(`format ${got?.format ?? "none"}, expected ${fx.format}`);
  if (gotNames !== wantNames) problems.push(`entries differ:\n${gotNames}\n--- expected ---\n${wantNames}`);
  if (problems.length === 0) {
    passed++;
    console.log(`ok   ${fx.id} (${fx.entries.length} entries)`);
  } else {
    failed++;
    console.log(`FAIL ${fx.id}: ${problems.join("; ")}`);
  }
}
console.log(`live listings: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
