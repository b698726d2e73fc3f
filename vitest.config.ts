import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "worker/migrations"));
  return {
    test: {
      projects: [
        {
          test: {
            name: "shared",
            environment: "node",
            include: ["shared/**/*.test.ts", "cli/**/*.test.ts", "test/unit/**/*.test.ts"],
          },
        },
        {
          plugins: [WxtVitest({ root: path.join(import.meta.dirname, "extension") })],
          test: {
            name: "extension",
            environment: "happy-dom",
            include: ["extension/**/*.test.ts"],
            // Some tests build many DOM documents; a busy machine must not turn them into timeouts.
            testTimeout: 30_000,
          },
        },
        {
          plugins: [
            cloudflareTest(({ inject }) => ({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  POW_COST: "1",
                  // The listings these tests serve are on 127.0.0.1: local mode.
                  ALLOW_LOOPBACK_TARGETS: "true",
                  LISTING_SERVER: inject("listingServer"),
                  // Disclosure: the fake Internet and the SMTP sink (test/worker/disclose-setup.ts).
                  FAKE_INTERNET: inject("fakeInternet"),
                  SMTP_SINK_PORT: inject("smtpSinkPort"),
                  SMTP_SINK_HTTP: inject("smtpSinkHttp"),
                  CRAWL_SERVERS: JSON.stringify(inject("crawlServers")),
                  SYNTHETIC_COUNTER: inject("syntheticCounter"),
                  // One request at a time per host still holds; no delay between them in tests.
                  CRAWL_DELAY_MS: "0",
                },
              },
            })),
          ],
          test: {
            name: "worker",
            include: ["worker/**/*.test.ts", "test/worker/**/*.test.ts"],
            globalSetup: [
              "./test/worker/global-setup.ts",
              "./test/worker/disclose-setup.ts",
              "./test/worker/crawl-servers-setup.ts",
            ],
            setupFiles: ["./test/worker/apply-migrations.ts"],
          },
        },
      ],
    },
  };
});
