export type ContactRole = "owner" | "hoster" | "cert" | "registrar";

/** A contact as discovery finds it: never from a report, always with where it came from. */
export interface FoundContact {
  role: ContactRole;
  address: string;
  source: "security.txt" | "security.txt-domain" | "rdap-domain" | "rdap-ip" | "csirt-table";
  confidence: "high" | "medium" | "low";
  language: string | null;
  detail: Record<string, unknown>;
}

export interface Location {
  ip: string | null;
  country: string | null;
  source: string;
}
