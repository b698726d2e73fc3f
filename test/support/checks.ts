// The small runner of the node scripts that CI reads by their last line (smoke tests, the
// Chromium runs): named checks, each passing or failing on its own, then
// `<suite>: N passed, N failed` and a non-zero exit code when any failed.

export interface Checks {
  check(name: string, fn: () => Promise<void>): Promise<void>;
  /** How many checks have failed so far. */
  failures(): number;
  /** Prints the closing line and sets the exit code. */
  done(): { passed: number; failed: number };
}

/** Throws `what` unless `cond` holds: the assertion of these scripts. */
export function expect(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

export function checks(suite: string): Checks {
  let passed = 0;
  let failed = 0;
  return {
    async check(name, fn) {
      const started = Date.now();
      try {
        await fn();
        passed++;
        console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`FAIL ${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    failures: () => failed,
    done() {
      console.log(`${suite}: ${passed} passed, ${failed} failed`);
      process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
      return { passed, failed };
    },
  };
}

/** Polls `fn` every half second until it answers something other than null; fails after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | null>, ms = 240_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what} (${ms / 1000} s)`);
}
