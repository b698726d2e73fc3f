import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HelplineTree, makeHelplineTree } from "../test/support/helpline-tree.ts";
import { type RunningServer, startNginx } from "../test/support/real-servers.ts";
import { refusePrivateAnswers, scan } from "./commands/scan-crawl.ts";
import { type SyntheticTree, startSyntheticTree } from "./local/synthetic-tree-server.ts";

const CLI = join(import.meta.dirname, "index.ts");

function run(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

let root: string;
let tree: HelplineTree;
let nginx: RunningServer;
let synthetic: SyntheticTree;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "indexwatch-scan-"));
  tree = makeHelplineTree(root);
  nginx = await startNginx(root);
  synthetic = await startSyntheticTree();
}, 30_000);

afterAll(async () => {
  await Promise.all([nginx?.stop(), synthetic?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

describe("indexwatch scan", () => {
  it("counts a small tree served by real nginx exactly, as JSON", async () => {
    const r = await run(["scan", new URL(tree.topPath, nginx.url).href, "--json", "--allow-loopback", "--delay", "0"])
      .done;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ outcome: "verified", interrupted: false });
    expect(out.http.format).toBe("nginx");
    expect(out.summary).toMatchObject({ files: tree.files, directories: tree.directories, bytes: tree.bytes });
    expect(out.estimate).toMatchObject({ method: "exact", files: { value: tree.files } });
    expect(out.reachability).toEqual({ checked: 3, reachable: 3, statuses: [200, 200, 200] });
    expect(r.stdout).not.toMatch(/4670174/);
  }, 30_000);

  it("prints a summary table", async () => {
    const r = await run(["scan", new URL(tree.topPath, nginx.url).href, "--allow-loopback", "--delay", "0"]).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome +verified \(critical\)$/m);
    expect(r.stdout).toMatch(new RegExp(`^Files +${tree.files}; ${tree.files} counted$`, "m"));
    expect(r.stdout).toMatch(/^Reachable +3 of 3 files checked/m);
  }, 30_000);

  it("estimates the 2.7-million-file synthetic tree within 10% in at most 150 requests", async () => {
    synthetic.resetRequests();
    const r = await scan(`${synthetic.origin}/medicall/`, { delayMs: 0, allowLoopback: true, seed: "test" });
    expect(synthetic.requests()).toBeLessThanOrEqual(150);
    expect(r.requests).toBe(synthetic.requests());
    expect(r.estimate.method).toBe("sampled");
    expect(Math.abs(r.estimate.files.value - synthetic.files) / synthetic.files).toBeLessThanOrEqual(0.1);
    expect(Math.abs(r.estimate.bytes.value - synthetic.bytes) / synthetic.bytes).toBeLessThanOrEqual(0.1);
  }, 120_000);

  it("prints what it found so far on Ctrl-C", async () => {
    const p = run(["scan", `${synthetic.origin}/medicall/`, "--json", "--allow-loopback", "--delay", "100"]);
    await new Promise((r) => setTimeout(r, 1500));
    p.child.kill("SIGINT");
    const r = await p.done;
    expect(r.code).toBe(130);
    const out = JSON.parse(r.stdout);
    expect(out.interrupted).toBe(true);
    expect(out.pages.read).toBeGreaterThan(0);
    expect(out.pages.read).toBeLessThan(127);
  }, 30_000);

  it("honours 429 Retry-After before asking again", async () => {
    const seen: number[] = [];
    const { url, server } = await serve((_req, res) => {
      seen.push(Date.now());
      if (seen.length === 1) {
        res.writeHead(429, { "retry-after": "1" });
        res.end();
        return;
      }
      res.writeHead(404);
      res.end();
    });
    try {
      const r = await scan(`${url}/calls/`, { delayMs: 0, allowLoopback: true });
      expect(r.outcome).toBe("not_reproducible");
      expect(r.reason).toBe("HTTP 404");
      expect(seen.length).toBe(2);
      expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    } finally {
      server.close();
    }
  }, 30_000);

  it("refuses a redirect to a private address", async () => {
    const { url, server } = await serve((_req, res) => {
      res.writeHead(302, { location: "http://10.0.0.7/calls/" });
      res.end();
    });
    try {
      const r = await scan(`${url}/calls/`, { delayMs: 0, allowLoopback: true });
      expect(r.outcome).toBe("not_reproducible");
      expect(r.reason).toMatch(/^refused target/);
    } finally {
      server.close();
    }
  });

  it("explains a bad invocation on one line", async () => {
    const r = await run(["scan"]).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^indexwatch: scan takes one URL/);
    const bad = await run(["scan", "ftp://example.com/", "--json"]).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^indexwatch: not an http\(s\) URL/);
  });
});

describe("refusePrivateAnswers", () => {
  it("refuses a name whose DNS answer is private, and lets addresses through to the guard", async () => {
    await expect(refusePrivateAnswers("http://localhost:8080/calls/", false)).rejects.toThrow(/private address/);
    await expect(refusePrivateAnswers("http://localhost:8080/calls/", true)).resolves.toBeUndefined();
    await expect(refusePrivateAnswers("http://127.0.0.1/calls/", false)).resolves.toBeUndefined();
  });
});
