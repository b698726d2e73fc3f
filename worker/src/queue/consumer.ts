import type { Bindings } from "../env.ts";
import { type Handler, handlers } from "./handlers.ts";
import type { MessageType } from "./messages.ts";

function handlerFor(body: unknown): { handler: Handler<MessageType>; body: Record<string, unknown> } | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.type !== "string" || !Object.hasOwn(handlers, b.type)) return null;
  const handler = handlers[b.type as MessageType] as Handler<MessageType>;
  return handler.valid(b) ? { handler, body: b } : null;
}

/**
 * Each message acked or retried on its own; a malformed one is acked (it could never succeed).
 * A handler that throws is retried with exponential backoff; after the queue's max_retries the
 * message goes to the dead-letter queue.
 */
export async function consume(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  for (const msg of batch.messages) {
    const found = handlerFor(msg.body);
    if (!found) {
      console.warn("dropping a malformed queue message");
      msg.ack();
      continue;
    }
    try {
      const result = await found.handler.run(env, found.body as never, { attempts: msg.attempts, now: Date.now() });
      if (result) msg.retry({ delaySeconds: Math.max(1, Math.min(43_200, Math.ceil(result.retryAfterSeconds))) });
      else msg.ack();
    } catch (err) {
      console.error(`${String(found.body.type)} failed`, err instanceof Error ? err.message : String(err));
      msg.retry({ delaySeconds: Math.min(3600, 60 * 2 ** msg.attempts) });
    }
  }
}
