// What the workerd tests of the queue share: a case opened as intake leaves it, and a batch of
// message bodies run through the Worker's real queue handler.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Bindings } from "../../worker/src/env.ts";
import worker from "../../worker/src/index.ts";

/** A case for `root` (a normalised listing URL) in `status`, as intake opens it. */
export async function openCase(root: string, status = "received"): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO cases (id, listing_root, host, status, severity, format, reports, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?5, 'critical', 'nginx', 1, ?4, ?4)`,
  )
    .bind(id, root, new URL(root).host, now, status)
    .run();
  return id;
}

/** Runs one batch of bodies through the Worker's queue handler; answers what it acked and retried. */
export async function runQueue(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    "indexwatch-verify",
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env as unknown as Bindings as unknown as Env);
  return getQueueResult(batch, ctx);
}
