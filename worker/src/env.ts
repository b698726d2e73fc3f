/**
 * Bindings and variables (declared in wrangler.toml; `npm run typegen` writes their types).
 * Variables are widened to string: their values differ between environments and tests.
 */
export type Bindings = Omit<Env, "ENVIRONMENT" | "ALLOW_LOOPBACK_TARGETS" | "PUBLIC_BASE_URL"> & {
  ENVIRONMENT: string;
  ALLOW_LOOPBACK_TARGETS: string;
  PUBLIC_BASE_URL: string;
};

export interface AppEnv {
  Bindings: Bindings;
}
