import { describe, expect, it } from "vitest";
import { parseResolverRules, resolvingFetch } from "./net.ts";

function capture() {
  const seen: { url: string; headers: Headers }[] = [];
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response("ok");
  }) as typeof fetch;
  return { seen, base };
}

describe("resolvingFetch", () => {
  const rules = parseResolverRules("MAP files.example.test 127.0.0.1:8081, MAP *.example.test 127.0.0.1:9000");

  it("sends a matched name to its rule's address, first rule first, carrying the original host", async () => {
    const { seen, base } = capture();
    const f = resolvingFetch(rules, base);
    await f("https://files.example.test:8443/a/b/?x=1", { headers: { "user-agent": "UA" } });
    await f("http://other.example.test/c/");
    expect(seen[0]?.url).toBe("http://127.0.0.1:8081/a/b/?x=1");
    expect(seen[0]?.headers.get("x-original-host")).toBe("files.example.test:8443");
    expect(seen[0]?.headers.get("x-original-scheme")).toBe("https");
    expect(seen[0]?.headers.get("user-agent")).toBe("UA");
    expect(seen[1]?.url).toBe("http://127.0.0.1:9000/c/");
  });

  it("leaves address literals and unmatched names alone", async () => {
    const { seen, base } = capture();
    const f = resolvingFetch(rules, base);
    await f("http://127.0.0.1:8080/x/");
    await f("http://files.example.com/y/");
    expect(seen.map((s) => s.url)).toEqual(["http://127.0.0.1:8080/x/", "http://files.example.com/y/"]);
    expect(seen[0]?.headers.get("x-original-host")).toBeNull();
  });
});
