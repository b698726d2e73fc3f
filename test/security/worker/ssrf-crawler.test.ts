// SSRF in the crawler: every vector of the table as the listing root of a case, verified and
// re-checked by the Worker's own verification (and its reachability check, the HEAD on files)
// inside workerd. None may be fetched: the recording fetch and the trap server count zero,
// and every case ends not reproducible with a refused or unresolved target.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkReachable } from "../../../worker/src/verify/inspect.ts";
import { recheckCase } from "../../../worker/src/verify/recheck.ts";
import { fetchDeps, VERIFY_ATTEMPTS } from "../../../worker/src/verify/settings.ts";
import { verifyCase } from "../../../worker/src/verify/verify-case.ts";
import { figure } from "../figure.ts";
import { entryUrl, SSRF_VECTORS } from "../ssrf-vectors.ts";
import { ssrfEnv, trapForFile } from "./ssrf-support.ts";

const PART = "ssrf";
const file = trapForFile();

async function openCase(root: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at)
     VALUES (?1, ?2, ?3, 'received', 'critical', 'nginx', 1, ?4, ?4)`,
  )
    .bind(id, root, new URL(root).host, now)
    .run();
  return id;
}

describe("the crawler fetches no vector", () => {
  it("verification and re-check: every case is not reproducible, nothing reaches the trap", async () => {
    const denv = ssrfEnv();
    const refused: string[] = [];
    const reasons: Record<string, number> = {};
    for (const v of SSRF_VECTORS) {
      const id = await openCase(entryUrl(v));
      // The last attempt: a root that is not there ends the case now instead of a retry later.
      await verifyCase(denv, id, Date.now(), VERIFY_ATTEMPTS);
      const row = await env.DB.prepare("SELECT status FROM cases WHERE id = ?1").bind(id).first<{ status: string }>();
      const ev = await env.DB.prepare(
        "SELECT summary_json AS s FROM evidence WHERE case_id = ?1 ORDER BY checked_at DESC LIMIT 1",
      )
        .bind(id)
        .first<{ s: string }>();
      const reason = String((JSON.parse(ev?.s ?? "{}") as { reason?: string }).reason);
      const again = await recheckCase(denv, id, Date.now());
      expect(row?.status, v.label).toBe("not_reproducible");
      expect(again.present, v.label).toBe(false);
      expect(reason, v.label).toMatch(/^(refused target|name not resolved|redirect without)/);
      const kind = reason.split(":")[0] ?? reason;
      reasons[kind] = (reasons[kind] ?? 0) + 1;
      refused.push(v.label);
    }
    expect(file.trap.escaped).toEqual([]);
    expect((await file.trap.serverCount()) - file.before).toBe(0);
    figure(PART, "crawler: vectors tried (verify + re-check)", SSRF_VECTORS.length);
    figure(PART, "crawler: vectors refused", refused.length);
    for (const [k, n] of Object.entries(reasons)) figure(PART, `crawler: refused as "${k}"`, n);
    figure(PART, "crawler: requests that reached the trap", file.trap.escaped.length);
  });

  it("the reachability check (HEAD, then a 1-byte range) reaches no vector", async () => {
    const deps = fetchDeps(ssrfEnv());
    const r = await checkReachable(
      SSRF_VECTORS.map((v) => entryUrl(v)),
      deps,
    );
    expect(r.reachable).toBe(0);
    expect(file.trap.escaped).toEqual([]);
  });
});
