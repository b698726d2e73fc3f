// Real servers for the crawl tests, reached by the Worker tests through `inject`: nginx and
// Apache httpd (Debian's packages) serving a generated helpline-like tree, nginx also with a
// folder that lists only for a visitor with a session cookie, a 429 with Retry-After and a
// redirect to the cloud-metadata address; and the synthetic 2.7-million-file tree.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startSyntheticTree } from "../../cli/local/synthetic-tree-server.ts";
import { makeHelplineTree } from "../support/helpline-tree.ts";
import { startApache, startNginx } from "../support/real-servers.ts";

const NGINX_EXTRA = `
    location /members/ {
      if ($cookie_session = "") { return 403; }
    }
    location = /busy/ {
      add_header Retry-After 7 always;
      return 429;
    }
    location = /metadata/ {
      return 302 http://169.254.169.254/latest/meta-data/;
    }
`;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), "indexwatch-crawl-"));
  const tree = makeHelplineTree(root);
  makeHelplineTree(root, { top: "members", days: 1 });
  // A loop and a mirror: /loops/a/ holds three recordings, /loops/mirror/ is the same folder
  // (a symlink) and /loops/a/again/ links back to /loops/.
  mkdirSync(join(root, "loops/a"), { recursive: true, mode: 0o755 });
  for (const n of ["05", "06", "07"])
    closeSync(openSync(join(root, `loops/a/20130408-0800${n}_+467017406${n}_inbound.wav`), "w", 0o644));
  symlinkSync("a", join(root, "loops/mirror"));
  symlinkSync("..", join(root, "loops/a/again"));
  const nginx = await startNginx(root, { serverConfig: NGINX_EXTRA });
  const apache = await startApache(root);
  const synthetic = await startSyntheticTree();
  project.provide("crawlServers", {
    nginx: nginx.url,
    apache: apache.url,
    synthetic: synthetic.origin,
    tree: {
      topPath: tree.topPath,
      files: tree.files,
      directories: tree.directories,
      bytes: tree.bytes,
      audio: tree.audio,
    },
    syntheticTree: { files: synthetic.files, bytes: synthetic.bytes, directories: synthetic.directories },
  });
  // The synthetic server counts the requests it answers; the tests read the count here.
  const { createServer } = await import("node:http");
  const counter = createServer((req, res) => {
    if (req.url === "/reset") synthetic.resetRequests();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ requests: synthetic.requests() }));
  });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  project.provide("syntheticCounter", `http://127.0.0.1:${(counter.address() as { port: number }).port}`);
  return async () => {
    await Promise.all([nginx.stop(), apache.stop(), synthetic.stop()]);
    await new Promise<void>((resolve) => counter.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  };
}

export interface CrawlServers {
  nginx: string;
  apache: string;
  synthetic: string;
  tree: { topPath: string; files: number; directories: number; bytes: number; audio: number };
  syntheticTree: { files: number; bytes: number; directories: number };
}

declare module "vitest" {
  export interface ProvidedContext {
    crawlServers: CrawlServers;
    syntheticCounter: string;
  }
}
