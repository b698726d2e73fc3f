/** Top-level names reserved for tests and examples (RFC 2606, RFC 6761). */
const RESERVED = new Set(["test", "example", "invalid"]);

/**
 * Outside production only addresses under .test, .example and .invalid may be mailed, so no
 * real person is ever mailed from a development or test run.
 */
export function recipientAllowed(address: string, environment: string): boolean {
  if (environment === "production") return true;
  const domain = address.split("@")[1]?.toLowerCase().replace(/\.$/, "") ?? "";
  return RESERVED.has(domain.split(".").pop() ?? "");
}
