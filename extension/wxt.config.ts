import { defineConfig } from "wxt";

// The API endpoint is fixed at build time and can be changed in the options. Local builds
// (INDEXWATCH_ALLOW_LOOPBACK=true) may report listings on 127.0.0.1, mirroring the Worker's
// ALLOW_LOOPBACK_TARGETS; they go to their own output folder so they are never shipped.
const apiBase = process.env.INDEXWATCH_API ?? "http://127.0.0.1:8787";
const allowLoopback = process.env.INDEXWATCH_ALLOW_LOOPBACK === "true";
const pages = ["http://*/*", "https://*/*"];

export default defineConfig({
  srcDir: ".",
  modules: ["@wxt-dev/webextension-polyfill"],
  imports: false,
  ...(allowLoopback ? { outDirTemplate: "{{browser}}-mv{{manifestVersion}}-local" } : {}),
  vite: () => ({
    define: {
      __INDEXWATCH_API__: JSON.stringify(apiBase),
      __INDEXWATCH_ALLOW_LOOPBACK__: JSON.stringify(allowLoopback),
    },
  }),
  manifest: ({ browser }) => ({
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "en",
    version: "0.1.0",
    permissions: ["storage", "scripting"],
    // Any http(s) page may be a listing; the background re-fetches listings and reaches the
    // API. Host access also shows it each tab's URL and title (no "tabs" permission needed).
    host_permissions: pages,
    action: { default_title: "__MSG_extName__" },
    // No content script: the background reads each loaded tab's URL and title and sends the
    // gate (gate.js) only where they leave a doubt; only a page that passes the gate is sent
    // the detector (both with scripting.executeScript). Ordinary pages run no script of ours.
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: "indexwatch@example.org",
              strict_min_version: "142.0",
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: "indexwatch-{{version}}-{{browser}}-{{manifestVersion}}.zip",
    sourcesTemplate: "indexwatch-{{version}}-sources.zip",
    // The extension is built from extension/ and shared/: the sources zip (for store review)
    // holds both and the files that build them, from the repository root.
    sourcesRoot: "..",
    excludeSources: [
      "worker/**",
      "cli/**",
      "test/**",
      "bench/**",
      "docs/**",
      ".ci/**",
      "**/__fixtures__/**",
      "**/*.test.ts",
      "wrangler.toml",
      "vitest.config.ts",
      "extension/.wxt/**",
      "extension/.output/**",
    ],
  },
});
