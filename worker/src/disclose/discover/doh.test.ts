import { describe, expect, it } from "vitest";
import type { Get, NetResponse } from "../net.ts";
import { cachedResolver, resolveAll } from "./doh.ts";

const DOH = "https://doh.example.test/dns-query";

/** A DoH server as a table of `name type` → JSON body (or a status), counting its queries. */
function doh(table: Record<string, unknown>) {
  const asked: string[] = [];
  const get: Get = async (url) => {
    const u = new URL(url);
    const key = `${u.searchParams.get("name")} ${u.searchParams.get("type")}`;
    asked.push(key);
    const body = table[key];
    if (body === undefined) return null;
    if (typeof body === "number") return { status: body, url, contentType: "", text: "" } satisfies NetResponse;
    return { status: 200, url, contentType: "application/dns-json", text: JSON.stringify(body) };
  };
  return { get, asked };
}

const answer = (type: number, ...data: string[]) => ({ Status: 0, Answer: data.map((d) => ({ type, data: d })) });

describe("resolveAll", () => {
  it("answers every A and AAAA address, passing over CNAMEs", async () => {
    const { get } = doh({
      "files.example.com A": {
        Status: 0,
        Answer: [
          { type: 5, data: "cdn.example.net." },
          { type: 1, data: "192.0.2.1" },
        ],
      },
      "files.example.com AAAA": answer(28, "2001:db8::1"),
    });
    expect(await resolveAll(get, DOH, "files.example.com")).toEqual(["192.0.2.1", "2001:db8::1"]);
  });

  it("is null (fail closed) for NXDOMAIN, no address, a failed query or a server error", async () => {
    const nx = { Status: 3 };
    expect(await resolveAll(doh({ "a.example A": nx, "a.example AAAA": nx }).get, DOH, "a.example")).toBeNull();
    expect(
      await resolveAll(doh({ "a.example A": answer(1), "a.example AAAA": answer(28) }).get, DOH, "a.example"),
    ).toBeNull();
    expect(await resolveAll(doh({ "a.example A": answer(1, "192.0.2.1") }).get, DOH, "a.example")).toBeNull();
    expect(
      await resolveAll(
        doh({ "a.example A": answer(1, "192.0.2.1"), "a.example AAAA": { Status: 2 } }).get,
        DOH,
        "a.example",
      ),
    ).toBeNull();
    expect(await resolveAll(doh({ "a.example A": 503 }).get, DOH, "a.example")).toBeNull();
  });

  it("keeps answers for the life of one resolver: one pair of queries per name", async () => {
    const { get, asked } = doh({ "a.example A": answer(1, "192.0.2.1"), "a.example AAAA": { Status: 0 } });
    const resolve = cachedResolver(get, DOH);
    for (let i = 0; i < 5; i++) expect(await resolve(i % 2 ? "A.example" : "a.example")).toEqual(["192.0.2.1"]);
    expect(asked).toEqual(["a.example A", "a.example AAAA"]);
  });
});
