import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cronMatches, cronsOf } from "./cron-ticker.ts";

const at = (iso: string) => new Date(iso);

describe("cron ticker", () => {
  it("reads the top-level triggers of wrangler.toml, not an environment's", () => {
    const toml =
      '[vars]\nA = "1"\n\n[triggers]\ncrons = ["*/15 * * * *", "0 3 * * *"]\n\n[env.production.triggers]\ncrons = ["*/5 * * * *"]\n';
    expect(cronsOf(toml)).toEqual(["*/15 * * * *", "0 3 * * *"]);
    expect(cronsOf("[vars]\n")).toEqual([]);
  });

  it("finds the repository's own cron", () => {
    const toml = readFileSync(join(import.meta.dirname, "../../wrangler.toml"), "utf8");
    expect(cronsOf(toml)).toContain("*/15 * * * *");
  });

  it("fires */15 on the quarter hours only", () => {
    expect(cronMatches("*/15 * * * *", at("2026-11-29T12:00:30Z"))).toBe(true);
    expect(cronMatches("*/15 * * * *", at("2026-11-29T12:45:00Z"))).toBe(true);
    expect(cronMatches("*/15 * * * *", at("2026-11-29T12:14:00Z"))).toBe(false);
    expect(cronMatches("*/15 * * * *", at("2026-11-29T12:16:00Z"))).toBe(false);
  });

  it("reads numbers, ranges, lists and steps, in UTC", () => {
    expect(cronMatches("0 3 * * *", at("2026-11-29T03:00:00Z"))).toBe(true);
    expect(cronMatches("0 3 * * *", at("2026-11-29T04:00:00Z"))).toBe(false);
    expect(cronMatches("5,35 1-3 * * *", at("2026-11-29T02:35:00Z"))).toBe(true);
    expect(cronMatches("5,35 1-3 * * *", at("2026-11-29T04:35:00Z"))).toBe(false);
    expect(cronMatches("0 0 1 * *", at("2026-12-01T00:00:00Z"))).toBe(true);
    expect(cronMatches("0 0 * * 0", at("2026-11-29T00:00:00Z"))).toBe(true); // a Sunday
    expect(cronMatches("0 0 * * 7", at("2026-11-29T00:00:00Z"))).toBe(true);
    expect(cronMatches("0 0 * * 1", at("2026-11-29T00:00:00Z"))).toBe(false);
    expect(cronMatches("0 0 15 * 1", at("2026-11-30T00:00:00Z"))).toBe(true); // Monday, either day field
    expect(cronMatches("bad", at("2026-11-29T00:00:00Z"))).toBe(false);
  });
});
