import { describe, expect, it } from "vitest";
import { parseMessage } from "./messaging.ts";

describe("the message protocol", () => {
  it("accepts each message of the protocol", () => {
    expect(parseMessage({ type: "gate", phase: "idle" })).toEqual({ type: "gate", phase: "idle" });
    expect(parseMessage({ type: "tabView", tabId: 3 })).toEqual({ type: "tabView", tabId: 3 });
    expect(parseMessage({ type: "report", tabId: 0 })).toEqual({ type: "report", tabId: 0 });
    expect(parseMessage({ type: "reports" })).toEqual({ type: "reports" });
  });

  it("drops unknown types, missing or extra fields and wrong values", () => {
    for (const bad of [
      null,
      "gate",
      { type: "detect" },
      { type: "gate" },
      { type: "gate", phase: "now" },
      { type: "tabView", tabId: -1 },
      { type: "tabView", tabId: 1.5 },
      { type: "report", tabId: "3" },
      { type: "reports", extra: 1 },
    ]) {
      expect(parseMessage(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
