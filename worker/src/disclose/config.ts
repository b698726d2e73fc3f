import type { Bindings } from "../env.ts";

/**
 * The disclosure settings (wrangler.toml [vars]; secrets with `wrangler secret put`). Each has
 * a public default, so tests and local runs override only what they need.
 */
export interface DiscloseVars {
  /** IANA's RDAP bootstrap folder (dns.json, ipv4.json, ipv6.json). */
  RDAP_BOOTSTRAP_URL?: string;
  /** A DNS-over-HTTPS JSON endpoint (application/dns-json). */
  DOH_URL?: string;
  /**
   * Development and tests only (ignored unless ENVIRONMENT is "development"): Chromium-style
   * `MAP <host pattern> <host:port>` rules, comma-separated, that send requests for public names
   * to a local server, carrying the original host. It stands in for DNS, nothing else.
   */
  HOST_RESOLVER_RULES?: string;
  /** `record` (default: only the outbox), `smtp`, or `send_email` (the EMAIL binding). */
  MAIL_TRANSPORT?: string;
  MAIL_FROM?: string;
  /** A monitored mailbox: replies to notices go here. */
  MAIL_REPLY_TO?: string;
  SMTP_HOST?: string;
  SMTP_PORT?: string;
  /** `tls` (implicit, 465), `starttls` (587), or `plain` (local tests only). */
  SMTP_SECURITY?: string;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
}

/** The Worker's bindings; they include DiscloseVars (see env.ts). */
export type DiscloseEnv = Bindings;

export const DEFAULTS = {
  RDAP_BOOTSTRAP_URL: "https://data.iana.org/rdap/",
  DOH_URL: "https://cloudflare-dns.com/dns-query",
  MAIL_FROM: "Indexwatch <notices@indexwatch.example.org>",
  MAIL_REPLY_TO: "disclosure@indexwatch.example.org",
} as const;

export function setting<K extends keyof typeof DEFAULTS>(env: DiscloseEnv, key: K): string {
  const v = env[key];
  return typeof v === "string" && v !== "" ? v : DEFAULTS[key];
}
