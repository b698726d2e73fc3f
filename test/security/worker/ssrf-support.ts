// What the SSRF tests inside workerd share: an environment in production's rules (no loopback)
// whose names reach the local servers only through HOST_RESOLVER_RULES, the stand-in DNS
// answers of the vector table, and a recording fetch. The recording fetch lets through only the
// two local servers that the rules map names to (the stand-in Internet and the redirecting
// pages); every other request — one that was about to leave for an address or a name of the
// table — is counted and sent to the real trap server instead, which counts it too.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, inject } from "vitest";
import type { Bindings } from "../../../worker/src/env.ts";
import { DNS_ZONE, dnsWorld } from "../ssrf-vectors.ts";

const e = env as unknown as Record<string, string>;
export const FAKE = e.FAKE_INTERNET as string;
export const SSRF = inject("ssrfServer");

/** The Worker's environment for the SSRF tests. */
export function ssrfEnv(extra: Record<string, string> = {}): Bindings {
  const fakeAt = new URL(FAKE).host;
  const ssrfAt = new URL(SSRF).host;
  return {
    ...(env as unknown as Bindings),
    ENVIRONMENT: "development",
    ALLOW_LOOPBACK_TARGETS: "false",
    HOST_RESOLVER_RULES: `MAP *.ssrf.test ${ssrfAt}, MAP *.example.test ${fakeAt}`,
    DOH_URL: "https://doh.example.test/dns-query",
    RDAP_BOOTSTRAP_URL: "https://bootstrap.example.test/rdap/",
    CRAWL_DELAY_MS: "0",
    ...extra,
  } as Bindings;
}

/**
 * The first label of the control name: its only answer is public, so the guard lets it through
 * and the recording fetch catches it (sent to the trap server's uncounted `/control`).
 */
export const CONTROL_LABEL = "control";

/** Tells the stand-in DNS the answers of every name of the table, and the control's. */
export async function loadDnsWorld(): Promise<void> {
  const dns = { ...dnsWorld(), [`${CONTROL_LABEL}.${DNS_ZONE}`]: { A: ["1.1.1.1"] } };
  const res = await fetch(`${FAKE}/__world`, { method: "POST", body: JSON.stringify({ dns }) });
  if (res.status !== 204) throw new Error(`world: ${res.status}`);
}

export interface Trap {
  /** The URLs that were about to leave, in order. */
  escaped: string[];
  /** What the trap server has counted so far (all SSRF test files together). */
  serverCount(): Promise<number>;
  restore(): void;
}

/** Installs the recording fetch on the global scope (the Worker's code calls the global fetch). */
export function installTrap(): Trap {
  const original = globalThis.fetch;
  const allowed = new Set([new URL(FAKE).origin, new URL(SSRF).origin]);
  const escaped: string[] = [];
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (allowed.has(url.origin) && !url.pathname.startsWith("/trap")) return original(input, init);
    escaped.push(url.href);
    const control = url.hostname === `${CONTROL_LABEL}.${DNS_ZONE}`;
    return original(`${SSRF}/${control ? "control" : "trap"}`, { headers: { "x-trapped": url.href } });
  }) as typeof fetch;
  return {
    escaped,
    serverCount: async () => ((await (await original(`${SSRF}/__trap`)).json()) as { trapped: number }).trapped,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    ssrfServer: string;
  }
}

/**
 * Around one test file: loads the stand-in DNS world and installs the trap before its tests,
 * restores the fetch after them. `before` is the trap server's count when the file started.
 */
export function trapForFile(): { readonly trap: Trap; readonly before: number } {
  const state = { trap: undefined as Trap | undefined, before: 0 };
  beforeAll(async () => {
    await loadDnsWorld();
    state.trap = installTrap();
    state.before = await state.trap.serverCount();
  });
  afterAll(() => state.trap?.restore());
  return {
    get trap(): Trap {
      if (!state.trap) throw new Error("the trap is installed in beforeAll");
      return state.trap;
    },
    get before(): number {
      return state.before;
    },
  };
}
