import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../test/support/fixtures.ts";

const CLI = join(import.meta.dirname, "index.ts");
const NGINX = join(FIXTURES, "nginx/files.html");
const URL_DIR = "http://listing.example.com/medicall/2013/04/09/";

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("indexwatch detect", () => {
  it("prints one JSON object with the decoded names, categories and a judgement", () => {
    const r = run(["detect", NGINX, "--url", URL_DIR]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ listing: true, format: "nginx", server: null });
    const names = out.entries.map((e: { name: string }) => e.name);
    expect(names).toContain("20130409-081200_+46701234567_inbound.wav");
    expect(names).toContain("R&D 'notes' 100%.txt");
    expect(names).toContain("lön_2013.xlsx");
    const wav = out.entries.find((e: { name: string }) => e.name.endsWith("_inbound.wav"));
    expect(wav).toEqual({
      name: "20130409-081200_+46701234567_inbound.wav",
      isDir: false,
      size: 1843244,
      modified: "2013-04-09T08:12:00Z",
      category: "audio",
    });
    expect(out.summary.directories).toBe(2);
    expect(out.summary.files).toBe(out.entries.length - 2);
    expect(out.summary.categories.audio).toBeGreaterThanOrEqual(4);
    expect(out.signals).toContain("phone-number");
    expect(out.severity).toBe("critical");
    expect(out.reasons.length).toBeGreaterThan(0);
  });

  it("uses the content type to read JSON listings", () => {
    const r = run([
      "detect",
      join(FIXTURES, "nginx-json/files.json"),
      "--url",
      URL_DIR,
      "--content-type",
      "application/json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe("nginx-json");
  });

  it("says listing false for a page that is not a listing", () => {
    const r = run([
      "detect",
      join(FIXTURES, "negatives/apache-manual-mod-autoindex.html"),
      "--url",
      "http://docs.example.com/mod/",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ listing: false, format: null, entries: [], severity: null });
  });

  it("reads a batch of JSON lines and answers each in order, errors included", () => {
    const lines = [
      { file: NGINX, url: URL_DIR },
      { file: join(FIXTURES, "apache-htmltable/files.html"), url: URL_DIR, contentType: "text/html; charset=utf-8" },
      { file: "/nonexistent/listing.html", url: URL_DIR },
      { file: join(FIXTURES, "python-http/files.html"), url: URL_DIR },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const r = run(["detect", "--batch"], `${lines}\nnot json\n`);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.format ?? o.error)).toEqual([
      "nginx",
      "apache-htmltable",
      "/nonexistent/listing.html: no such file",
      "python-http",
      "line 5: not JSON",
    ]);
    expect(r.code).toBe(1);
  });

  it.each([
    [["detect", "/nonexistent/x.html", "--url", URL_DIR], /no such file/],
    [["detect", NGINX], /missing --url/],
    [["detect", NGINX, "--url", "not a url"], /not an absolute URL/],
    [["detect", NGINX, "--url", "file:///etc/"], /only http, https and ftp/],
    [["detect", "--url", URL_DIR], /missing FILE/],
    [["detect", NGINX, "--url", URL_DIR, "--bogus"], /Unknown option/],
    [["frobnicate"], /unknown command: frobnicate/],
  ])("fails cleanly: %j", (args, message) => {
    const r = run(args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")[0]).toMatch(/^indexwatch: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses binary files and directories", () => {
    const dir = mkdtempSync(join(tmpdir(), "iw-cli-"));
    const bin = join(dir, "call.wav");
    writeFileSync(bin, Buffer.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]));
    const r1 = run(["detect", bin, "--url", URL_DIR]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/binary file/);
    const r2 = run(["detect", dir, "--url", URL_DIR]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/is a directory/);
  });

  it("documents every command in --help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/detect FILE --url URL/);
    expect(r.stdout).toMatch(/--batch/);
    expect(run(["help", "detect"]).stdout).toMatch(/--content-type/);
  });
});
