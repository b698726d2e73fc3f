// Starts the Worker under `wrangler dev` on 127.0.0.1 with local D1 (migrations applied first)
// in a process group of its own, and stops the whole group (wrangler, workerd, esbuild).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

export interface DevWorker {
  url: string;
  /** The wrangler process's id (the leader of its process group). */
  pid: number;
  stop(): void;
  /** Settles when wrangler has exited. */
  exited: Promise<void>;
}

/** The environment wrangler runs in here: Node 24 first, no metrics, banner or Cloudflare fetch. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Node 24 from the `node` devDependency first; wrangler refuses the system's Node 20.
    PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  };
}

/** Applies the D1 migrations to the local database in `persistTo`. */
export function applyMigrations(persistTo: string): void {
  const migrate = spawnSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    cwd: ROOT,
    env: wranglerEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}${migrate.stderr}`);
}

/** Starts `wrangler dev`; resolves once `/api/v1/health` answers. */
export async function startDevWorker(opts: {
  port: number;
  persistTo: string;
  log?: (line: string) => void;
  /** More `--var NAME:value` settings (e.g. the mail transport of a smoke test). */
  vars?: Record<string, string>;
  /** The caller has applied the migrations already (see applyMigrations). */
  migrated?: boolean;
}): Promise<DevWorker> {
  if (!opts.migrated) applyMigrations(opts.persistTo);
  const child: ChildProcess = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(opts.port),
      "--persist-to",
      opts.persistTo,
      "--show-interactive-dev-session=false",
      // Local mode: listings served on 127.0.0.1 may be reported (and, later, verified).
      "--var",
      "ALLOW_LOOPBACK_TARGETS:true",
      ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    { cwd: ROOT, env: wranglerEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      output.push(line);
      opts.log?.(line);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output.join("\n")}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return { url, pid: child.pid ?? 0, stop, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`wrangler dev did not answer within 60 s:\n${output.join("\n")}`);
}
