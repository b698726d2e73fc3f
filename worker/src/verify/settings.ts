import { type CrawlBudget, DEFAULT_BUDGET } from "../../../shared/crawl/budget.ts";
import { nameCheck, parseResolverRules, resolvingFetch } from "../disclose/net.ts";
import type { Bindings } from "../env.ts";
import { digestHasher } from "./digest.ts";
import type { FetchDeps } from "./inspect.ts";

/** Optional variables that tune verification (unset: the defaults below). */
interface VerifyVars {
  /** Milliseconds between two requests to one host (default 1000). */
  CRAWL_DELAY_MS?: string;
  CRAWL_MAX_PAGES?: string;
  CRAWL_MAX_DEPTH?: string;
  CRAWL_MAX_BYTES?: string;
  /** Seconds after which a crawl ends with what it has (default 3600). */
  CRAWL_DEADLINE_S?: string;
  /** "true": read each listing whole before parsing. Only the memory benchmark's baseline sets it. */
  VERIFY_READ_WHOLE?: string;
}

const vars = (env: Bindings) => env as Bindings & VerifyVars;

function num(v: string | undefined, fallback: number): number {
  const n = v === undefined || v === "" ? Number.NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Loopback targets only in local development, when explicitly allowed (never in production). */
export function allowLoopback(env: Bindings): boolean {
  return env.ENVIRONMENT === "development" && env.ALLOW_LOOPBACK_TARGETS === "true";
}

/**
 * How the Worker fetches and reads listings: streamed, hashed with DigestStream. Each name is
 * resolved over DNS-over-HTTPS before a request to it (answers kept for this invocation) and
 * refused when any answer is private. In development, HOST_RESOLVER_RULES sends listings on
 * public names to local servers, as it does for discovery; those names are not resolved.
 */
export function fetchDeps(env: Bindings): FetchDeps {
  const names = nameCheck(env);
  const deps: FetchDeps = {
    allowLoopback: allowLoopback(env),
    resolve: names.resolve,
    mapped: names.mapped,
    hasher: digestHasher,
    whole: vars(env).VERIFY_READ_WHOLE === "true",
  };
  const rules = env.ENVIRONMENT === "development" ? parseResolverRules(env.HOST_RESOLVER_RULES) : [];
  if (rules.length > 0) deps.fetch = resolvingFetch(rules);
  return deps;
}

export function crawlBudget(env: Bindings): CrawlBudget {
  const v = vars(env);
  return {
    ...DEFAULT_BUDGET,
    pages: num(v.CRAWL_MAX_PAGES, DEFAULT_BUDGET.pages),
    depth: num(v.CRAWL_MAX_DEPTH, DEFAULT_BUDGET.depth),
    bytes: num(v.CRAWL_MAX_BYTES, DEFAULT_BUDGET.bytes),
  };
}

export function crawlDelayMs(env: Bindings): number {
  return num(vars(env).CRAWL_DELAY_MS, 1000);
}

export function crawlDeadlineSeconds(env: Bindings): number {
  return Math.min(43_200, num(vars(env).CRAWL_DEADLINE_S, 3600));
}

/** Attempts at a listing that is not there before the case is not reproducible, and the waits between them. */
export const VERIFY_ATTEMPTS = 3;
export const VERIFY_BACKOFF_SECONDS = [300, 3600] as const;
/** 429/503 answers to one crawl page before it is given up. */
export const PAGE_ATTEMPTS = 5;
/** How long a host stays claimed while one request (with its control and reachability checks) runs. */
export const HOST_LEASE_MS = 90_000;
