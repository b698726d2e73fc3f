import { describe, expect, it } from "vitest";
import type { Bindings } from "../env.ts";
import { fetchDeps } from "./settings.ts";

const base = { ALLOW_LOOPBACK_TARGETS: "true", HOST_RESOLVER_RULES: "MAP files.example.test 127.0.0.1:9" };

describe("verification's fetch", () => {
  it("honours HOST_RESOLVER_RULES in development only", () => {
    expect(fetchDeps({ ...base, ENVIRONMENT: "development" } as unknown as Bindings).fetch).toBeTypeOf("function");
    expect(fetchDeps({ ...base, ENVIRONMENT: "production" } as unknown as Bindings).fetch).toBeUndefined();
    expect(fetchDeps({ ENVIRONMENT: "development" } as unknown as Bindings).fetch).toBeUndefined();
  });
});
