// D1s that fail writes on purpose, for the tests of recovery. `interceptWrites` is the one
// wrapper: every `run()` and `batch()` goes through a hook that sees its SQL and may fail it;
// `flakyDb` fails the first write whose SQL matches, once — refused before it reaches D1
// (nothing written), or after D1 committed it (its reply lost).
import { env } from "cloudflare:workers";

/** A write about to happen: a statement's `run()` or a `batch()`, with the SQL of each statement. */
export interface WriteCall {
  kind: "run" | "batch";
  sqls: string[];
}

export type WriteHook = <T>(call: WriteCall, op: () => Promise<T>) => Promise<T>;

/** `real`, with every `run()` and `batch()` passed through `hook` (reads go straight through). */
export function interceptWrites(real: D1Database, hook: WriteHook): D1Database {
  const sqlOf = new WeakMap<object, { s: D1PreparedStatement; sql: string }>();
  const wrap = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const w = {
      bind: (...v: unknown[]) => wrap(s.bind(...v), sql),
      first: (col?: string) => (col === undefined ? s.first() : s.first(col)),
      all: () => s.all(),
      raw: (o?: { columnNames?: boolean }) => s.raw(o as { columnNames: true }),
      run: () => hook({ kind: "run", sqls: [sql] }, () => s.run()),
    };
    sqlOf.set(w, { s, sql });
    return w as unknown as D1PreparedStatement;
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) => {
          const inner = stmts.map((st) => sqlOf.get(st) ?? { s: st, sql: "?" });
          return hook({ kind: "batch", sqls: inner.map((x) => x.sql) }, () => target.batch(inner.map((x) => x.s)));
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

export function flakyDb(match: RegExp, mode: "refused" | "lost-reply"): { db: D1Database; fired: () => boolean } {
  let fired = false;
  const db = interceptWrites(env.DB, async (call, op) => {
    if (fired || !match.test(call.sqls.join(";\n"))) return op();
    fired = true;
    if (mode === "refused") throw new Error("D1_ERROR: injected fault, write refused");
    await op();
    throw new Error("D1_ERROR: injected fault, reply lost");
  });
  return { db, fired: () => fired };
}
