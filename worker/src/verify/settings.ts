import type { Bindings } from "../env.ts";

/** Loopback targets only in local development, when explicitly allowed (never in production). */
export function allowLoopback(env: Bindings): boolean {
  return env.ENVIRONMENT === "development" && env.ALLOW_LOOPBACK_TARGETS === "true";
}
