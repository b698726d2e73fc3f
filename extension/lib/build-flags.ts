// Values fixed at build time by wxt.config.ts (vite `define`). Tests run without them and get
// the development defaults.
declare const __INDEXWATCH_API__: string | undefined;
declare const __INDEXWATCH_ALLOW_LOOPBACK__: boolean | undefined;

/** The API this build talks to unless the options name another. */
export const DEFAULT_API: string =
  typeof __INDEXWATCH_API__ === "string" ? __INDEXWATCH_API__ : "http://127.0.0.1:8787";

/** Local builds may report listings on 127.0.0.1 (the Worker's local mode allows them too). */
export const ALLOW_LOOPBACK: boolean =
  typeof __INDEXWATCH_ALLOW_LOOPBACK__ === "boolean" ? __INDEXWATCH_ALLOW_LOOPBACK__ : false;

/** What reports name as their client. */
export const CLIENT = { name: "indexwatch-extension", version: "0.1.0" } as const;
