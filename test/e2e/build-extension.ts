// Builds the extension for the end-to-end run and the page-load bench: a local build (it may
// report listings on 127.0.0.1) whose API is the given address. Returns its folder.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

export function buildLocalExtension(api: string): string {
  const r = spawnSync(join(ROOT, "node_modules/.bin/wxt"), ["build", "extension"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
      INDEXWATCH_API: api,
      INDEXWATCH_ALLOW_LOOPBACK: "true",
    },
  });
  if (r.status !== 0) throw new Error(`wxt build failed:\n${r.stdout}${r.stderr}`);
  return join(ROOT, "extension/.output/chrome-mv3-local");
}
