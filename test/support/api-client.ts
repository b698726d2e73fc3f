// What a client of the API does, for scripts that drive a real `wrangler dev`: solve the proof
// of work and send a report (the README's example report, with the listing URL given).
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { exampleReport } from "./example-report.ts";

export interface Pow {
  challenge: Challenge;
  solution: unknown;
}

/** Fetches a challenge from the Worker at `base` and solves it. */
export async function solvePow(base: string): Promise<Pow> {
  const challenge = (await (await fetch(`${base}/api/v1/challenge`)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error("challenge not solved");
  return { challenge, solution };
}

/** A report body for `listingUrl` (overrides on top of the example report), with a fresh pow unless one is given. */
export async function reportBody(
  base: string,
  listingUrl: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return exampleReport({
    listingUrl,
    format: "nginx",
    client: { name: "indexwatch-smoke", version: "0.1.0" },
    pow: overrides.pow ?? (await solvePow(base)),
    ...overrides,
  });
}

/** POSTs a report; answers the status and the JSON body. */
export async function postReport(
  base: string,
  listingUrl: string,
  overrides: Record<string, unknown> = {},
): Promise<{ status: number; body: { caseId: string; statusToken: string; status: string } }> {
  const res = await fetch(`${base}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(await reportBody(base, listingUrl, overrides)),
  });
  return { status: res.status, body: (await res.json()) as { caseId: string; statusToken: string; status: string } };
}

/** What the reporter sees of a case: its status and the names of its milestones. */
export async function milestones(
  base: string,
  caseId: string,
  token: string,
): Promise<{ status: string; names: string[] }> {
  const res = await fetch(`${base}/api/v1/reports/${caseId}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { status?: string; milestones?: { name: string }[] };
  return { status: body.status ?? "", names: (body.milestones ?? []).map((m) => m.name) };
}
