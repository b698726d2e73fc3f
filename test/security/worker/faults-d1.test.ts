// A D1 write failing, at every write of a report's whole way: intake, verification (the root,
// a crawl page, the crawl's end, its deadline) and disclosure (discovery, the notice's claim,
// its owner token, its record as sent). Each distinct write is failed once in two ways —
// refused (nothing written) and committed with its reply lost — in a journey of its own
// against real nginx and a real SMTP sink; the failed request is retried by the client, the
// failed message by the queue, and then the quarter-hourly cron runs once (its safety nets:
// due notices, verified cases never disclosed). Every journey must end as a clean one does:
// one case, verified once with the whole tree counted, one notice sent, its owner link and
// the reporter's token working.
import { describe, expect, it } from "vitest";
import { figure } from "../figure.ts";
import { cronTick, expectClean, type FaultMode, faultWorld, footprint, journey, pool } from "./faults-support.ts";

const short = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, " ").slice(0, 300);

describe("a D1 write failing", () => {
  it("at each write step of intake, verification and disclosure: retried to one case, one notice", async () => {
    const clean = await journey(faultWorld({ small: true }));
    expect(clean.failed).toBe(0);
    const events = (await footprint(clean.caseId as string)).events;
    // Each distinct write of the journey (its stage and statement), at its first occurrence.
    const sites = new Map<string, number>();
    clean.w.db.log.forEach((what, i) => {
      if (!sites.has(what)) sites.set(what, i + 1);
    });
    const modes: FaultMode[] = ["refused", "lost-reply"];
    const runs = [...sites].flatMap(([what, at]) => modes.map((mode) => ({ what, at, mode })));
    const failures: string[] = [];
    const outcomes = await pool(
      runs.map((r) => async () => {
        const w = faultWorld({ small: true });
        w.db.arm(r.at, r.mode);
        try {
          const o = await journey(w);
          // Failed once; absorbed in place (a committed report found, a sent notice's record
          // written again) or by a retry.
          expect(w.db.injected).toBe(1);
          return { r, o };
        } catch (err) {
          failures.push(`${r.mode} at write ${r.at} (${r.what}): ${short(err)}`);
          return null;
        }
      }),
      4,
    );
    await cronTick();
    let survived = 0;
    let retried = 0;
    for (const x of [clean, ...outcomes.map((y) => y?.o)]) {
      if (!x) continue;
      try {
        await expectClean(x, events);
        if (x !== clean) survived++;
        retried += x.failed;
      } catch (err) {
        failures.push(
          `${x.w.db.mode} at write ${x.w.db.failAt} (${x.w.db.log[(x.w.db.failAt ?? 1) - 1]}): ${short(err)}`,
        );
      }
    }
    figure("faults", "D1 write steps on a report's whole way", sites.size, "steps");
    figure("faults", "D1 write faults injected (refused, or committed and the reply lost)", runs.length, "faults");
    figure("faults", "D1 write faults survived (one case, verified once, one notice)", survived, "faults");
    figure("faults", "requests and messages these faults failed, then retried", retried, "");
    expect(failures).toEqual([]);
    expect(survived).toBe(runs.length);
  });
});
