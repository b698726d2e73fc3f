import { type FetchDeps, fetchPage, soft404 } from "./inspect.ts";
import type { PageRead } from "./read-page.ts";

// Is the listing at a case's root there for any stranger? The page must be a listing, and a
// random sibling path must not return the same listing (soft-404 control).

export type RootCheck =
  | { present: true; page: PageRead }
  | { present: false; reason: string; status?: number; retryAfterSeconds?: number; page?: PageRead };

export async function checkRoot(url: string, deps: FetchDeps, controlToken: string): Promise<RootCheck> {
  const fetched = await fetchPage(url, deps);
  if (!fetched.ok) {
    const { ok: _, ...failure } = fetched;
    return { present: false, ...failure };
  }
  const page = fetched.page;
  if (page.format === null) return { present: false, reason: "not a directory listing", status: page.status, page };
  if (await soft404(page, controlToken, deps)) {
    return { present: false, reason: "soft 404: a random sibling path returns the same listing", page };
  }
  return { present: true, page };
}

/** What evidence keeps of one page: counts, judgement and the signals; never a name. */
export function pageSummary(page: PageRead): Record<string, unknown> {
  const v = page.verdict;
  return {
    bytesRead: page.bytes,
    truncated: page.truncated,
    contentType: page.contentType,
    ...(v && {
      summary: v.summary,
      severity: v.severity,
      signals: v.signals,
      reasons: v.reasons,
      personalFiles: v.personalFiles,
    }),
  };
}
