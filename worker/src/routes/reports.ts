import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { checkTarget } from "../../../shared/net/guard.ts";
import { folderChain, normaliseListingUrl } from "../../../shared/net/normalise.ts";
import { reportSchema } from "../../../shared/report/schema.ts";
import {
  caseEvents,
  findClosedCase,
  findOpenCase,
  getCase,
  hostReportsToday,
  newCaseStatements,
  powSpent,
  reportRecorded,
  reportStatements,
  spendPowStatements,
  statusTokenHash,
} from "../db/cases.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import type { QueueMessage } from "../queue/messages.ts";
import { clientKey } from "../security/client-key.ts";
import { checkPow } from "../security/pow.ts";
import { hashToken, newToken, sameHash } from "../security/tokens.ts";

export const MAX_REPORT_BYTES = 32 * 1024;
/** Reports of one host a day beyond which more are refused: they could only add work. */
function hostDailyCap(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 500;
}

/** The milestones a reporter may see; never anything about owners or contacts. */
const MILESTONES = new Set([
  "received",
  "verified",
  "not_reproducible",
  "not_reportable",
  "owner_notified",
  "escalated",
  "fixed",
  "closed",
]);

function hourOf(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 13)}:00:00Z`;
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "the body is not valid JSON");
  }
}

export const reports = new Hono<AppEnv>()
  .post(
    "/api/v1/reports",
    bodyLimit({
      maxSize: MAX_REPORT_BYTES,
      onError: () => {
        throw new AppError("payload_too_large", `a report is at most ${MAX_REPORT_BYTES} bytes`);
      },
    }),
    async (c) => {
      // Per client: a keyed hash of the address, counted by the rate-limiting binding only.
      const key = await clientKey(c.env.CLIENT_KEY_SECRET, c.req.header("cf-connecting-ip") ?? "unknown");
      if (!(await c.env.CLIENT_LIMIT.limit({ key })).success) {
        throw new AppError("rate_limited", "too many reports from this client: try again in a minute");
      }
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new AppError("unsupported_media_type", "send the report as application/json");
      }
      const parsed = reportSchema.safeParse(await readJson(c.req.raw));
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first?.path.length ? first.path.join(".") : "report";
        throw new AppError("invalid_report", `${where}: ${first?.message ?? "invalid"}`);
      }
      const report = parsed.data;
      // Loopback targets only in local development, where listings are served on 127.0.0.1.
      const allowLoopback = c.env.ENVIRONMENT === "development" && c.env.ALLOW_LOOPBACK_TARGETS === "true";
      const target = checkTarget(report.listingUrl, { allowLoopback });
      if (!target.ok) throw new AppError("target_refused", `listingUrl: ${target.message}`);

      const pow = await checkPow(c.env, report.pow);
      if (!pow.ok) throw new AppError("pow_invalid", pow.why);
      const db = c.env.DB;
      // A used challenge is remembered by the hash of its nonce, never the nonce itself.
      const spent = await hashToken(pow.nonce);
      if (await powSpent(db, spent)) throw new AppError("pow_invalid", "pow.challenge was already used");
      const now = Date.now();
      const day = new Date(now).toISOString().slice(0, 10);
      const root = normaliseListingUrl(target.url);
      const host = target.url.host;
      if ((await hostReportsToday(db, host, day)) >= hostDailyCap(c.env.HOST_DAILY_REPORTS)) {
        throw new AppError("rate_limited", "this host has had enough reports today; its case is already open");
      }

      const token = newToken();
      const tokenHash = await hashToken(token);
      const row = {
        id: crypto.randomUUID(),
        listingUrl: root,
        format: report.format,
        severity: report.severity,
        observedAt: report.observedAt,
        receivedHour: hourOf(now),
        summaryJson: JSON.stringify(report.summary),
        signalsJson: JSON.stringify(report.signals),
        samplesJson: JSON.stringify(report.samples),
        clientName: report.client.name,
        clientVersion: report.client.version,
      };

      // Join the open case of this folder or one above it; else open one. Two first reports of
      // one listing racing each other meet the unique root: the loser joins the winner's case.
      for (let attempt = 0; attempt < 2; attempt++) {
        const open = (await findOpenCase(db, folderChain(root))) ?? (await findClosedCase(db, root));
        const caseId = open?.id ?? crypto.randomUUID();
        const statements = [
          ...(open
            ? []
            : newCaseStatements(db, {
                id: caseId,
                listing_root: root,
                host,
                status: "received",
                severity: report.severity,
                format: report.format,
                created_at: now,
                updated_at: now,
              })),
          ...reportStatements(db, { ...row, caseId }, tokenHash, host, day, now),
          ...spendPowStatements(db, spent, pow.expiresAt, now),
        ];
        try {
          await db.batch(statements);
        } catch (err) {
          if (/pow_spent/.test(String(err))) throw new AppError("pow_invalid", "pow.challenge was already used");
          if (!open && attempt === 0 && /UNIQUE/i.test(String(err))) continue;
          // A batch that committed but whose reply was lost: the report is in, so it is answered
          // (and its case verified) as if nothing had happened; otherwise nothing was written.
          if (!(await reportRecorded(db, row.id).catch(() => false))) throw err;
        }
        if (!open) await c.env.VERIFY.send({ type: "verify", caseId } satisfies QueueMessage);
        // A closed case reported again: disclosure re-checks it and reopens it if the listing is back.
        else if (open.closed_at !== null) await c.env.VERIFY.send({ type: "recheck", caseId } satisfies QueueMessage);
        return c.json({ caseId, statusToken: token, status: open?.status ?? "received" }, 202);
      }
      throw new AppError("internal", "could not record the report");
    },
  )
  .get("/api/v1/reports/:caseId", async (c) => {
    const auth = c.req.header("authorization") ?? "";
    const m = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(auth);
    if (!m?.[1]) throw new AppError("unauthorized", "send the status token as Authorization: Bearer <token>");
    const caseId = c.req.param("caseId");
    const presented = await hashToken(m[1]);
    const stored = await statusTokenHash(c.env.DB, caseId, presented);
    // The same answer for an unknown case and a wrong token: a token opens its own case only.
    if (stored === null || !sameHash(stored, presented)) {
      throw new AppError("unauthorized", "no such case for this token");
    }
    const kase = await getCase(c.env.DB, caseId);
    if (!kase) throw new AppError("unauthorized", "no such case for this token");
    const events = await caseEvents(c.env.DB, caseId);
    return c.json({
      caseId,
      status: kase.status,
      milestones: events
        .filter((e) => MILESTONES.has(e.type))
        .map((e) => ({ name: e.type, at: new Date(e.at).toISOString() })),
    });
  });
