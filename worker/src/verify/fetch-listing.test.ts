import { describe, expect, it } from "vitest";
import { openTarget, type Resolve, UNRESOLVED } from "./fetch-listing.ts";

/** A fetch that answers from a table and records what was asked (no network). */
function recording(pages: Record<string, () => Response>) {
  const asked: string[] = [];
  const f = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    return pages[url]?.() ?? new Response("missing", { status: 404 });
  }) as typeof fetch;
  return { f, asked };
}

function resolver(answers: Record<string, string[] | null>) {
  const asked: string[] = [];
  const resolve: Resolve = async (host) => {
    asked.push(host);
    return answers[host] ?? null;
  };
  return { resolve, asked };
}

const ok = () => new Response("<title>Index of /</title>", { status: 200 });

describe("openTarget resolves names before each hop", () => {
  it("fetches a name whose answers are all public", async () => {
    const { f, asked } = recording({ "http://files.example.com/a/": ok });
    const r = resolver({ "files.example.com": ["1.1.1.1", "2606:4700:4700::1111"] });
    const opened = await openTarget("http://files.example.com/a/", { allowLoopback: false, fetch: f, ...r });
    expect(opened.ok).toBe(true);
    expect(asked).toEqual(["http://files.example.com/a/"]);
  });

  it("refuses a name with any private answer, before any request", async () => {
    const { f, asked } = recording({});
    for (const answers of [["10.0.0.1"], ["1.1.1.1", "169.254.169.254"], ["::ffff:127.0.0.1"], ["fc00::1"], ["x"]]) {
      const r = resolver({ "files.example.com": answers });
      const opened = await openTarget("http://files.example.com/", { allowLoopback: false, fetch: f, ...r });
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(opened.reason).toMatch(/^refused target: files\.example\.com resolves to/);
    }
    expect(asked).toEqual([]);
  });

  it("does not fetch a name that does not resolve, and says so (verification retries it)", async () => {
    const { f, asked } = recording({});
    for (const answers of [null, []]) {
      const r = resolver({ "files.example.com": answers });
      const opened = await openTarget("http://files.example.com/", { allowLoopback: false, fetch: f, ...r });
      expect(opened.ok ? "" : opened.reason).toMatch(new RegExp(`^${UNRESOLVED}`));
    }
    expect(asked).toEqual([]);
  });

  it("checks the name of every redirect hop", async () => {
    const { f, asked } = recording({
      "http://files.example.com/a/": () =>
        new Response(null, { status: 302, headers: { location: "http://inner.example.com/" } }),
    });
    const r = resolver({ "files.example.com": ["1.1.1.1"], "inner.example.com": ["192.168.0.10"] });
    const opened = await openTarget("http://files.example.com/a/", { allowLoopback: false, fetch: f, ...r });
    expect(opened.ok ? "" : opened.reason).toMatch(/inner\.example\.com resolves to 192\.168\.0\.10/);
    expect(asked).toEqual(["http://files.example.com/a/"]);
    expect(r.asked).toEqual(["files.example.com", "inner.example.com"]);
  });

  it("asks nothing about address literals and mapped names; loopback answers only where loopback is allowed", async () => {
    const { f } = recording({
      "http://127.0.0.1:8080/": ok,
      "http://files.example.test/": ok,
      "http://lo.example.com/": ok,
    });
    const r = resolver({ "lo.example.com": ["127.0.0.1"] });
    const mapped = (h: string) => h.endsWith(".test");
    expect((await openTarget("http://127.0.0.1:8080/", { allowLoopback: true, fetch: f, ...r, mapped })).ok).toBe(true);
    expect((await openTarget("http://files.example.test/", { allowLoopback: false, fetch: f, ...r, mapped })).ok).toBe(
      true,
    );
    expect(r.asked).toEqual([]);
    expect((await openTarget("http://lo.example.com/", { allowLoopback: true, fetch: f, ...r })).ok).toBe(true);
    expect((await openTarget("http://lo.example.com/", { allowLoopback: false, fetch: f, ...r })).ok).toBe(false);
  });
});
