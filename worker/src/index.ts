import { app } from "./app.ts";
import { runCron } from "./cron/index.ts";
import type { Bindings } from "./env.ts";
import { consume } from "./queue/consumer.ts";

// `Env` is what `wrangler types` infers across environments (secrets optional, variables as
// literals); `Bindings` is the shape the code relies on once configured (see env.ts).
export default {
  fetch: app.fetch,
  queue: (batch, env) => consume(batch, env as unknown as Bindings),
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(runCron(controller.cron, env as unknown as Bindings, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
