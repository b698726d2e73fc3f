// How the admin commands reach D1: `wrangler d1 execute` against the local database (the
// state `npm start` uses, or --persist-to DIR) or the remote one (--remote), and where the
// AUTH_SECRET that keys stored token hashes comes from.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../errors.ts";

const ROOT = join(import.meta.dirname, "../..");

export interface Target {
  remote: boolean;
  env?: string;
  persistTo?: string;
}

/** A SQL string literal. */
export function sql(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** Runs statements in one `wrangler d1 execute`; returns each statement's result rows. */
export function execute(target: Target, statements: string[]): Record<string, unknown>[][] {
  const args = [
    "d1",
    "execute",
    "DB",
    target.remote ? "--remote" : "--local",
    "--json",
    "--command",
    statements.join(";\n"),
  ];
  if (target.env) args.push("--env", target.env);
  if (target.persistTo && !target.remote) args.push("--persist-to", target.persistTo);
  const run = spawnSync(join(ROOT, "node_modules/.bin/wrangler"), args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_HIDE_BANNER: "true",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    },
  });
  if (run.status !== 0) {
    const why = `${run.stdout}\n${run.stderr}`;
    const unique = /UNIQUE constraint failed: (\w+)\.(\w+)/.exec(why);
    const what: Record<string, string> = { teams: "a team", accounts: "an account", tokens: "a token" };
    if (unique) throw new CliError(`${what[unique[1] ?? ""] ?? "a row"} with that ${unique[2]} already exists`);
    if (/no such table/.test(why)) {
      throw new CliError("the database has no schema yet: run `npm run db:migrate:local` (or migrate the remote one)");
    }
    throw new CliError(`wrangler d1 execute failed:\n${why.trim()}`);
  }
  const out = JSON.parse(run.stdout) as { results?: Record<string, unknown>[] }[];
  return out.map((r) => r.results ?? []);
}

/** Runs one INSERT … SELECT and says how many rows it wrote (local D1 reports no counts itself). */
export function insertCount(target: Target, statement: string): number {
  const [, count] = execute(target, [statement, "SELECT changes() AS n"]);
  return Number(count?.[0]?.n ?? 0);
}

/**
 * The secret that keys stored token hashes: INDEXWATCH_AUTH_SECRET, or for the local database
 * the development value in wrangler.toml. A remote database needs the production secret.
 */
export function authSecret(target: Target): string {
  const fromEnv = process.env.INDEXWATCH_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (target.remote) {
    throw new CliError("set INDEXWATCH_AUTH_SECRET to the Worker's AUTH_SECRET to create tokens for a remote database");
  }
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const vars = toml.split(/^\[vars\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  const m = /^AUTH_SECRET\s*=\s*"([^"]+)"/m.exec(vars);
  if (!m?.[1]) throw new CliError("no AUTH_SECRET in wrangler.toml [vars]; set INDEXWATCH_AUTH_SECRET");
  return m[1];
}
