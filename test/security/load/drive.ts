// The load generator: runs a list of requests with a fixed number in flight (each of the
// `concurrency` lanes takes the next request as soon as its last one is answered), and records
// every request's latency (from just before fetch to the end of the body) and its outcome.
// Any non-2xx answer or network error counts as an error.

export interface Outcome {
  /** HTTP status, or 0 for a network error. */
  status: number;
  /** The body as text (empty on a network error). */
  body: string;
}

export interface Run {
  requests: number;
  concurrency: number;
  seconds: number;
  /** Milliseconds, one per request, in the order they were sent. */
  latencies: Float64Array;
  /** When each request was sent, in milliseconds from the start of the run. */
  starts: Float64Array;
  outcomes: Outcome[];
  errors: number;
}

/**
 * Sends requests 0…count-1, `concurrency` at a time. After `deadline` (epoch ms) no new request
 * starts: the run then holds only the requests sent so far (`requests` < `count`).
 */
export async function drive(
  count: number,
  concurrency: number,
  request: (i: number) => Promise<Response>,
  deadline = Number.POSITIVE_INFINITY,
): Promise<Run> {
  const started = performance.now();
  const latencies = new Float64Array(count);
  const starts = new Float64Array(count);
  const outcomes: Outcome[] = new Array(count);
  let next = 0;
  let sent = 0;
  let errors = 0;
  const lane = async () => {
    for (let i = next++; i < count && Date.now() < deadline; i = next++) {
      sent++;
      const sentAt = performance.now();
      starts[i] = sentAt - started;
      let outcome: Outcome;
      try {
        const res = await request(i);
        outcome = { status: res.status, body: await res.text() };
      } catch (err) {
        outcome = { status: 0, body: err instanceof Error ? err.message : String(err) };
      }
      latencies[i] = performance.now() - sentAt;
      outcomes[i] = outcome;
      if (outcome.status < 200 || outcome.status > 299) errors++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const seconds = (performance.now() - started) / 1000;
  // Indices are taken in order and checked against the deadline as they are taken: those sent are 0…sent-1.
  return {
    requests: sent,
    concurrency,
    seconds,
    latencies: latencies.slice(0, sent),
    starts: starts.slice(0, sent),
    outcomes: outcomes.slice(0, sent),
    errors,
  };
}

export interface Summary {
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarise(run: Run): Summary {
  const sorted = Float64Array.from(run.latencies).sort();
  return {
    perSecond: run.requests / run.seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** How many answers had each status (0: network error), for a failure message. */
export function statusCounts(run: Run): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of run.outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}

/**
 * Whether the rate held: the time until the last request was sent cut into `parts` equal
 * spans, and the requests sent in each span a second (once every lane is busy, one is sent as
 * one is answered). Answers the slowest and the fastest span.
 */
export function spanRates(run: Run, parts = 10): { slowest: number; fastest: number } {
  const last = run.starts.reduce((a, b) => Math.max(a, b), 0);
  const span = Math.max(1, last) / parts;
  const counts = new Array<number>(parts).fill(0);
  for (const at of run.starts) {
    const k = Math.min(parts - 1, Math.floor(at / span));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const rates = counts.map((c) => c / (span / 1000));
  return { slowest: Math.min(...rates), fastest: Math.max(...rates) };
}
