import { discloseCase } from "../disclose/disclose-case.ts";
import { drainCase, nextRetryAt } from "../disclose/outbox.ts";
import { recheckForDisclosure } from "../disclose/recheck.ts";
import type { Bindings } from "../env.ts";
import { crawlDeadline, crawlPage } from "../verify/crawl-page.ts";
import { verifyCase } from "../verify/verify-case.ts";
import type { MessageOf, MessageType } from "./messages.ts";

/** What a handler asks of the consumer: done (ack), or try again after a delay. */
export type HandlerResult = { retryAfterSeconds: number } | null;

export interface Handler<T extends MessageType> {
  /** Checks an untrusted body's fields (its `type` is already known). */
  valid(body: Record<string, unknown>): body is MessageOf<T>;
  run(env: Bindings, body: MessageOf<T>, meta: { attempts: number; now: number }): Promise<HandlerResult>;
}

const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

/** One entry per message type: the only place job types meet their code. */
export const handlers: { [T in MessageType]: Handler<T> } = {
  verify: {
    valid: (b): b is MessageOf<"verify"> =>
      isId(b.caseId) && (b.attempt === undefined || (Number.isInteger(b.attempt) && (b.attempt as number) >= 1)),
    run: (env, body, { now, attempts }) => verifyCase(env, body.caseId, now, Math.max(attempts, body.attempt ?? 1)),
  },
  crawl: {
    valid: (b): b is MessageOf<"crawl"> =>
      isId(b.caseId) &&
      typeof b.url === "string" &&
      b.url.length <= 4096 &&
      Number.isInteger(b.depth) &&
      (b.depth as number) > 0 &&
      (b.depth as number) <= 64,
    run: (env, body, { now, attempts }) => crawlPage(env, body, now, attempts),
  },
  crawl_deadline: {
    valid: (b): b is MessageOf<"crawl_deadline"> => isId(b.caseId),
    run: (env, body, { now }) => crawlDeadline(env, body.caseId, now),
  },
  disclose: {
    valid: (b): b is MessageOf<"disclose"> => isId(b.caseId),
    run: async (env, body, { now }) => {
      await discloseCase(env, body.caseId, now);
      return null;
    },
  },
  send: {
    valid: (b): b is MessageOf<"send"> => isId(b.caseId),
    run: async (env, body, { now }) => {
      await drainCase(env, body.caseId, now);
      // A temporary failure: the queue brings the job back when the notice is due again.
      const retryAt = await nextRetryAt(env, body.caseId);
      return retryAt === null ? null : { retryAfterSeconds: Math.max(1, (retryAt - now) / 1000) };
    },
  },
  recheck: {
    valid: (b): b is MessageOf<"recheck"> => isId(b.caseId),
    run: async (env, body, { now }) => {
      await recheckForDisclosure(env, body.caseId, now);
      return null;
    },
  },
};
