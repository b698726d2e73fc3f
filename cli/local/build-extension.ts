// Builds the extension as a local build (it may report listings on 127.0.0.1) whose API is the
// given address, for `npm start`, the end-to-end runs and the page-load bench. Returns its
// folder: `extension/.output/chrome-mv3-local/` or `firefox-mv3-local/`.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");

export function buildLocalExtension(api: string, browser: "chrome" | "firefox" = "chrome"): string {
  const args = ["build", "extension", ...(browser === "firefox" ? ["-b", "firefox", "--mv3"] : [])];
  const r = spawnSync(join(ROOT, "node_modules/.bin/wxt"), args, {
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
  return join(ROOT, `extension/.output/${browser}-mv3-local`);
}
