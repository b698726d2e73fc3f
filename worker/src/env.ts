import type { DiscloseVars } from "./disclose/config.ts";

/**
 * Bindings and variables (declared in wrangler.toml; `npm run typegen` writes their types).
 * Variables are widened to string: their values differ between environments and tests.
 */
export type Bindings = Omit<
  Env,
  | "ENVIRONMENT"
  | "ALLOW_LOOPBACK_TARGETS"
  | "PUBLIC_BASE_URL"
  | "POW_COST"
  | "POW_SECRET"
  | "CLIENT_KEY_SECRET"
  | "AUTH_SECRET"
  | keyof DiscloseVars
> & {
  ENVIRONMENT: string;
  ALLOW_LOOPBACK_TARGETS: string;
  PUBLIC_BASE_URL: string;
  /** Proof-of-work difficulty (SHA-256 rounds per attempt); tests lower it. */
  POW_COST: string;
  /** Signs challenges. A secret in production (`wrangler secret put POW_SECRET`). */
  POW_SECRET: string;
  /** Keys the client-address hash used for rate limiting (never stored). A secret in production. */
  CLIENT_KEY_SECRET: string;
  /** Keys the stored hashes of dashboard sessions and team API tokens. A secret in production. */
  AUTH_SECRET: string;
  /** Reports accepted per target host per day (default 500). */
  HOST_DAILY_REPORTS?: string;
} & DiscloseVars; // the disclosure settings (disclose/config.ts)

export interface AppEnv {
  Bindings: Bindings;
}
