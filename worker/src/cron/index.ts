import { disclosureCron } from "../disclose/cron.ts";
import type { Bindings } from "../env.ts";
import { requeueStranded } from "../verify/stranded.ts";

/** The cron triggers of wrangler.toml, each a named job. */
export const CRONS = { housekeeping: "*/15 * * * *" } as const;

/** Forgets what has expired: used proof-of-work challenges, and host counts of past days. */
export async function housekeeping(env: Bindings, now: number): Promise<void> {
  const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
  await env.DB.batch([
    env.DB.prepare("DELETE FROM pow_spent WHERE expires_at < ?1").bind(now),
    env.DB.prepare("DELETE FROM host_days WHERE day < ?1").bind(yesterday),
  ]);
}

export async function runCron(cron: string, env: Bindings, now: number): Promise<void> {
  switch (cron) {
    case CRONS.housekeeping:
      await housekeeping(env, now);
      // Verifications whose messages never left.
      await requeueStranded(env, now);
      // Disclosure timers, stranded verified cases, due notices and retention.
      await disclosureCron(env, now);
      return;
    default:
      console.warn("unknown cron", cron);
  }
}
