import type { Report } from "../../shared/report/schema.ts";
import { type Fetcher, strangerFetch } from "./public-check.ts";

// The Indexwatch API as the extension uses it. Every request omits credentials and sends no
// referrer: the API learns nothing about the reporter beyond the report itself.

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface Accepted {
  caseId: string;
  statusToken: string;
  status: string;
}

export interface CaseStatus {
  caseId: string;
  status: string;
  milestones: Array<{ name: string; at: string }>;
}

async function answer<T>(res: Response): Promise<T> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, "bad_answer", `the API answered ${res.status} without JSON`);
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: unknown; message?: unknown } }).error;
    throw new ApiError(res.status, String(err?.code ?? "error"), String(err?.message ?? `status ${res.status}`));
  }
  return body as T;
}

/** `http://host:8787/` → `http://host:8787` */
function base(apiBase: string): string {
  return apiBase.replace(/\/+$/, "");
}

export async function fetchChallenge(fetcher: Fetcher, apiBase: string): Promise<Record<string, unknown>> {
  return answer(await strangerFetch(fetcher, `${base(apiBase)}/api/v1/challenge`));
}

export async function postReport(fetcher: Fetcher, apiBase: string, report: Report): Promise<Accepted> {
  const res = await strangerFetch(fetcher, `${base(apiBase)}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(report),
  });
  return answer(res);
}

export async function fetchStatus(
  fetcher: Fetcher,
  apiBase: string,
  caseId: string,
  token: string,
): Promise<CaseStatus> {
  const res = await strangerFetch(fetcher, `${base(apiBase)}/api/v1/reports/${encodeURIComponent(caseId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return answer(res);
}
