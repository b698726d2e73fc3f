/** Bindings and variables (declared in wrangler.toml; `npm run typegen` writes their types). */
export type Bindings = Env;

export interface AppEnv {
  Bindings: Bindings;
}
