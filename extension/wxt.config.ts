import { defineConfig } from "wxt";

// The API endpoint is fixed at build time and can be changed in the options.
const apiBase = process.env.INDEXWATCH_API ?? "http://127.0.0.1:8787";

export default defineConfig({
  srcDir: ".",
  modules: ["@wxt-dev/webextension-polyfill"],
  imports: false,
  vite: () => ({ define: { __INDEXWATCH_API__: JSON.stringify(apiBase) } }),
  manifest: ({ browser }) => ({
    name: "Indexwatch",
    description: "Spots open directory listings that expose personal data, and reports them anonymously.",
    version: "0.1.0",
    permissions: ["storage"],
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: { id: "indexwatch@example.org", data_collection_permissions: { required: ["none"] } },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: "indexwatch-{{version}}-{{browser}}-{{manifestVersion}}.zip",
    sourcesTemplate: "indexwatch-{{version}}-sources.zip",
  },
});
