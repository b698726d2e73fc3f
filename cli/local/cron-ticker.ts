// `wrangler dev` does not fire cron triggers by itself: this ticks each of wrangler.toml's
// top-level `[triggers] crons` through `/cdn-cgi/local/scheduled?cron=…`, once at the start and
// then at every minute (UTC) the expression names, as Cloudflare would.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

/** The cron expressions of the top-level `[triggers]` table of a wrangler.toml text. */
export function cronsOf(toml: string): string[] {
  const table = toml.split(/^\[triggers\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const list = /^crons\s*=\s*\[([^\]]*)\]/m.exec(table)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "").filter((c) => c !== "");
}

/** Whether one field (`*`, `*\/N`, `A`, `A-B`, `A-B/N`, lists of these) admits `value`. */
function fieldMatches(field: string, value: number): boolean {
  return field.split(",").some((part) => {
    const [range = "*", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    if (range !== "*") {
      const [a, b] = range.split("-");
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : Number.POSITIVE_INFINITY) : Number(b);
    }
    if (!(step > 0) || Number.isNaN(lo) || Number.isNaN(hi) || value < lo || value > hi) return false;
    return (value - (Number.isFinite(lo) ? lo : 0)) % step === 0;
  });
}

/**
 * Whether a five-field expression (minute hour day-of-month month day-of-week, numbers only)
 * fires at `at`'s minute, in UTC. Day of month and day of week combine as in cron: either,
 * when both are restricted.
 */
export function cronMatches(cron: string, at: Date): boolean {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return false;
  const [min = "", hour = "", dom = "", mon = "", dow = ""] = f;
  const weekday = at.getUTCDay();
  const dayOfWeek = fieldMatches(dow, weekday) || (weekday === 0 && fieldMatches(dow, 7));
  const dayOfMonth = fieldMatches(dom, at.getUTCDate());
  const day = dom !== "*" && dow !== "*" ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  return (
    fieldMatches(min, at.getUTCMinutes()) &&
    fieldMatches(hour, at.getUTCHours()) &&
    fieldMatches(mon, at.getUTCMonth() + 1) &&
    day
  );
}

export interface CronTicker {
  crons: string[];
  /** Ticks every expression now; answers the HTTP status of each (0: no answer). */
  tickAll(): Promise<number[]>;
  stop(): void;
}

export function startCronTicker(workerUrl: string, log: (line: string) => void = () => {}): CronTicker {
  const crons = cronsOf(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  const tick = async (cron: string): Promise<number> => {
    try {
      const res = await fetch(`${workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}`);
      await res.body?.cancel();
      if (!res.ok) log(`cron ${cron}: HTTP ${res.status}`);
      return res.status;
    } catch (err) {
      log(`cron ${cron}: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    // Just after the next minute boundary.
    timer = setTimeout(
      () => {
        const now = new Date();
        for (const cron of crons) if (cronMatches(cron, now)) void tick(cron);
        schedule();
      },
      60_000 - (Date.now() % 60_000) + 200,
    );
  };
  schedule();
  return {
    crons,
    tickAll: () => Promise.all(crons.map(tick)),
    stop: () => clearTimeout(timer),
  };
}
