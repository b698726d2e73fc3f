// The helpline tree, served by real nginx and Apache httpd, read back by the shared detector:
// the support that the crawler, extension and end-to-end tests stand on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyListing } from "../../shared/classify/classify-listing.ts";
import { detectListing } from "../../shared/listing/detect.ts";
import { type HelplineTree, makeHelplineTree } from "../support/helpline-tree.ts";
import { type RunningServer, startApache, startNginx } from "../support/real-servers.ts";

let root: string;
let tree: HelplineTree;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "indexwatch-tree-"));
  tree = makeHelplineTree(root, { days: 4, callsPerDay: 6 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function page(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url));
  const text = await res.text();
  const url = res.url;
  return { res, detection: detectListing(text, { url, contentType: res.headers.get("content-type") ?? "" }), url };
}

describe.each([
  ["nginx", startNginx, "nginx"],
  ["apache2", startApache, "apache-htmltable"],
] as const)("%s serving the helpline tree", (_name, start, format) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start(root);
  });
  afterAll(() => server.stop());

  it("lists a day's recordings, each with its exact name and size", async () => {
    const { res, detection, url } = await page(server, tree.dayPath);
    expect(res.status).toBe(200);
    expect(res.headers.get("server")).toContain(server.name.split("/")[0]);
    expect(detection?.format).toBe(format);
    const files = detection?.entries.filter((e) => !e.isDir) ?? [];
    expect(files).toHaveLength(tree.callsPerDay);
    expect(files.every((e) => /^\d{8}-\d{6}_\+46701740\d{3}_(in|out)bound\.wav$/.test(e.name))).toBe(true);
    expect(files.every((e) => typeof e.size === "number" && e.size >= 480_000)).toBe(true);
    const judged = detection ? classifyListing(detection, url) : null;
    expect(judged?.severity).toBe("critical");
    expect(judged?.signals).toContain("call-recording");
  });

  it("lists the top folder's years and the journal folder as folders", async () => {
    const { detection } = await page(server, tree.topPath);
    const dirs = detection?.entries.filter((e) => e.isDir).map((e) => e.name) ?? [];
    expect(dirs.sort()).toEqual(["2013", "journal"]);
  });

  it("stops: nothing listens on its port afterwards", async () => {
    const other = await start(root);
    await other.stop();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
