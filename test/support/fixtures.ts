import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "../../shared/listing/__fixtures__");

export interface ExpectedEntry {
  name: string;
  isDir: boolean;
  size?: number;
  sizeExact?: boolean;
  modified?: string;
}

export interface ListingFixture {
  /** `<format>/<case>` */
  id: string;
  folder: string;
  body: string;
  url: string;
  contentType?: string;
  headers?: Record<string, string>;
  format: string;
  server?: string;
  entries: ExpectedEntry[];
  source: string;
}

export interface NegativeFixture {
  id: string;
  body: string;
  url: string;
  contentType?: string;
}

const BODY = /^(.*)\.(html|json|xml|txt)$/;

/** Every listing fixture: `<format>/<case>.<ext>` with its `<case>.expected.json`. */
export function listingFixtures(root = FIXTURES): ListingFixture[] {
  const out: ListingFixture[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === "negatives") continue;
    const dir = join(root, folder.name);
    for (const file of readdirSync(dir).sort()) {
      const m = BODY.exec(file);
      if (!m || file.endsWith(".expected.json")) continue;
      const expectedPath = join(dir, `${m[1]}.expected.json`);
      if (!existsSync(expectedPath)) continue;
      const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Omit<ListingFixture, "id" | "folder" | "body">;
      out.push({
        ...expected,
        id: `${folder.name}/${m[1]}`,
        folder: folder.name,
        body: readFileSync(join(dir, file), "utf8"),
      });
    }
  }
  return out;
}

/** Every negative: `negatives/<case>.html` with an optional `<case>.meta.json`. */
export function negativeFixtures(): NegativeFixture[] {
  const dir = join(FIXTURES, "negatives");
  if (!existsSync(dir)) return [];
  const out: NegativeFixture[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = BODY.exec(file);
    if (!m || file.endsWith(".meta.json")) continue;
    const metaPath = join(dir, `${m[1]}.meta.json`);
    const meta = existsSync(metaPath)
      ? (JSON.parse(readFileSync(metaPath, "utf8")) as { url?: string; contentType?: string })
      : {};
    const neg: NegativeFixture = {
      id: `negatives/${m[1]}`,
      body: readFileSync(join(dir, file), "utf8"),
      url: meta.url ?? `http://listing.example.com/docs/${m[1]}/`,
    };
    if (meta.contentType !== undefined) neg.contentType = meta.contentType;
    out.push(neg);
  }
  return out;
}
