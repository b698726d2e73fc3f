// A D1 that fails one write on purpose, for the regression tests of recovery: the first write
// (a `run()` or a `batch()`) whose SQL matches `match` throws once — refused before it reaches
// D1 (nothing written), or after D1 committed it (its reply lost).
import { env } from "cloudflare:workers";

export function flakyDb(match: RegExp, mode: "refused" | "lost-reply"): { db: D1Database; fired: () => boolean } {
  const real = env.DB;
  let fired = false;
  const sqlOf = new WeakMap<object, { s: D1PreparedStatement; sql: string }>();
  const write = async <T>(sql: string, op: () => Promise<T>): Promise<T> => {
    if (fired || !match.test(sql)) return op();
    fired = true;
    if (mode === "refused") throw new Error("D1_ERROR: injected fault, write refused");
    await op();
    throw new Error("D1_ERROR: injected fault, reply lost");
  };
  const wrap = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const w = {
      bind: (...v: unknown[]) => wrap(s.bind(...v), sql),
      first: (col?: string) => (col === undefined ? s.first() : s.first(col)),
      all: () => s.all(),
      raw: (o?: { columnNames?: boolean }) => s.raw(o as { columnNames: true }),
      run: () => write(sql, () => s.run()),
    };
    sqlOf.set(w, { s, sql });
    return w as unknown as D1PreparedStatement;
  };
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) => {
          const inner = stmts.map((st) => sqlOf.get(st) ?? { s: st, sql: "" });
          return write(inner.map((x) => x.sql).join(";\n"), () => target.batch(inner.map((x) => x.s)));
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { db, fired: () => fired };
}
