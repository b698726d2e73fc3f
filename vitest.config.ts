import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

// Projects: `shared`, `extension` and `worker` are `npm run test:unit` (part of `npm test`);
// the `security*` projects are the adversarial suite's in-process part (`npm run test:security`).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "worker/migrations"));
  // The Worker inside workerd, with the local servers of the global setups.
  const workerd = () =>
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
    }));
  const workerdSetup = {
    globalSetup: [
      "./test/worker/global-setup.ts",
      "./test/worker/disclose-setup.ts",
      "./test/worker/crawl-servers-setup.ts",
    ],
    setupFiles: ["./test/worker/apply-migrations.ts"],
  };
  const extension = () => WxtVitest({ root: path.join(import.meta.dirname, "extension") });
  return {
    test: {
      projects: [
        {
          test: {
            name: "shared",
            environment: "node",
            include: ["shared/**/*.test.ts", "cli/**/*.test.ts", "test/unit/**/*.test.ts"],
            // Property tests run hundreds of inputs; a busy machine must not turn them into timeouts.
            testTimeout: 30_000,
          },
        },
        {
          plugins: [extension()],
          test: {
            name: "extension",
            environment: "happy-dom",
            include: ["extension/**/*.test.ts"],
            // Some tests build many DOM documents; a busy machine must not turn them into timeouts.
            testTimeout: 30_000,
          },
        },
        {
          plugins: [workerd()],
          test: { name: "worker", include: ["worker/**/*.test.ts", "test/worker/**/*.test.ts"], ...workerdSetup },
        },
        {
          test: {
            name: "security-node",
            environment: "node",
            include: ["test/security/node/**/*.test.ts"],
            testTimeout: 120_000,
          },
        },
        {
          plugins: [extension()],
          test: {
            name: "security-extension",
            environment: "happy-dom",
            include: ["test/security/extension/**/*.test.ts"],
            testTimeout: 60_000,
          },
        },
        {
          plugins: [workerd()],
          test: {
            name: "security-worker",
            include: ["test/security/worker/**/*.test.ts"],
            testTimeout: 180_000,
            ...workerdSetup,
            // The fault tests' nginx behind a proxy that cuts pages, and an SMTP sink behind a gate.
            globalSetup: [
              ...workerdSetup.globalSetup,
              "./test/security/worker/faults-setup.ts",
              // The SSRF tests' redirecting pages and trap.
              "./test/security/worker/ssrf-setup.ts",
            ],
          },
        },
      ],
    },
  };
});
