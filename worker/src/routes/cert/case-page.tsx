/** @jsxImportSource hono/jsx */
// One case: evidence, the timeline, contacts and where each came from, the outbox, the owner's
// answers, and the team's actions. Everything shown that came from a listing or a server
// (URL, Server header, redacted samples) is escaped by hono/jsx.
import { Hono } from "hono";
import { type CertEnv, requireSession } from "../../auth/session.ts";
import { caseDetail, type EvidenceRow, teamNames } from "../../db/case-detail.ts";
import { visibleCase } from "../../db/cert-cases.ts";
import { AppError } from "../../errors.ts";
import { ACTIONS } from "./actions.ts";
import { Layout, Severity, When } from "./layout.tsx";

function parse(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function Evidence(props: { e: EvidenceRow }) {
  const body = (parse(props.e.summary_json) ?? {}) as {
    summary?: { files?: number; directories?: number; bytes?: number | null; categories?: Record<string, number> };
    severity?: string;
    reasons?: string[];
  };
  const samples = parse(props.e.samples_json);
  return (
    <div class="card" data-evidence={props.e.id}>
      <dl>
        <dt>Checked</dt>
        <dd>
          <When ms={props.e.checked_at} />
        </dd>
        <dt>Outcome</dt>
        <dd>{props.e.outcome}</dd>
        <dt>HTTP</dt>
        <dd>{props.e.http_status === null ? "—" : String(props.e.http_status)}</dd>
        <dt>Server</dt>
        <dd>{props.e.server ?? "—"}</dd>
        <dt>Format</dt>
        <dd>{props.e.format ?? "—"}</dd>
        <dt>Files</dt>
        <dd>{body.summary?.files === undefined ? "—" : String(body.summary.files)}</dd>
        <dt>Categories</dt>
        <dd>
          {Object.entries(body.summary?.categories ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join(", ") || "—"}
        </dd>
        <dt>SHA-256</dt>
        <dd class="url">{props.e.sha256 ?? "—"}</dd>
      </dl>
      {body.reasons?.length ? (
        <ul>
          {body.reasons.map((r) => (
            <li>{String(r)}</li>
          ))}
        </ul>
      ) : null}
      {Array.isArray(samples) && samples.length > 0 ? (
        <p>
          Redacted samples:{" "}
          {samples.map((s) => (
            <code>{`${String(s)} `}</code>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function Action(props: { caseId: string; csrf: string; action: string; label: string; kind?: string; note?: boolean }) {
  return (
    <form method="post" action={`/cert/cases/${encodeURIComponent(props.caseId)}/actions`}>
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="action" value={props.action} />
      {props.note ? <textarea name="text" rows={2} cols={50} maxlength={2000} required aria-label="Note" /> : null}
      <button type="submit" class={props.kind ?? ""} data-action={props.action}>
        {props.label}
      </button>
    </form>
  );
}

export const casePage = new Hono<CertEnv>().get("/cert/cases/:caseId", requireSession, async (c) => {
  const caseId = c.req.param("caseId");
  const viewer = c.get("viewer");
  const kase = await visibleCase(c.env.DB, viewer, caseId);
  // Outside the constituency is answered exactly like a case that does not exist.
  if (!kase) throw new AppError("not_found", "no such case in this team's constituency");
  const [d, names] = await Promise.all([caseDetail(c.env.DB, caseId), teamNames(c.env.DB)]);
  const actor = (a: string) => (a.startsWith("team:") ? (names.get(a.slice(5)) ?? a) : a);
  const csrf = c.get("csrf");
  const flash = c.req.query("done");
  const owner = d.events.filter((e) => e.actor === "owner");
  const closed = kase.closed_at !== null;
  return c.html(
    <Layout title={`Case ${kase.id.slice(0, 8)}`} viewer={viewer} csrf={csrf}>
      <p>
        <a href="/cert">← Queue</a>
      </p>
      <h1 class="url">{kase.listing_root}</h1>
      {flash && (ACTIONS as Record<string, unknown>)[flash] ? (
        <p class="flash" role="status">
          {`Done: ${(ACTIONS as Record<string, { label: string }>)[flash]?.label ?? flash}.`}
        </p>
      ) : null}
      <div class="grid">
        <div class="card">
          <dl>
            <dt>Case</dt>
            <dd class="url">{kase.id}</dd>
            <dt>Status</dt>
            <dd data-testid="status">{kase.status}</dd>
            <dt>Severity</dt>
            <dd>
              <Severity value={kase.severity} />
            </dd>
            <dt>Host</dt>
            <dd>{kase.host}</dd>
            <dt>Location</dt>
            <dd>
              {kase.country ?? "unknown country"}
              {kase.ip ? ` · ${kase.ip}` : ""}
              {kase.asn ? ` · AS${kase.asn}` : ""}
            </dd>
            <dt>Reports</dt>
            <dd>{String(kase.reports)}</dd>
            <dt>Opened</dt>
            <dd>
              <When ms={kase.created_at} />
            </dd>
            <dt>Closed</dt>
            <dd>
              <When ms={kase.closed_at} />
            </dd>
          </dl>
        </div>
        <div class="card">
          <h2>Actions</h2>
          {closed ? (
            <p>This case is closed.</p>
          ) : (
            <div class="actions">
              <Action caseId={caseId} csrf={csrf} action="hold" label="Hold notices" kind="secondary" />
              <Action caseId={caseId} csrf={csrf} action="approve" label="Approve notices" />
              <Action caseId={caseId} csrf={csrf} action="escalate" label="Escalate now" />
              <Action caseId={caseId} csrf={csrf} action="recheck" label="Re-check now" kind="secondary" />
              <Action
                caseId={caseId}
                csrf={csrf}
                action="close_false_positive"
                label="Close: false positive"
                kind="danger"
              />
              <Action
                caseId={caseId}
                csrf={csrf}
                action="close_public"
                label="Close: intentionally public"
                kind="danger"
              />
            </div>
          )}
          <h2>Add a note</h2>
          <Action caseId={caseId} csrf={csrf} action="note" label="Add note" note />
        </div>
      </div>
      <h2>Evidence</h2>
      {d.evidence.length === 0 ? <p>Not verified yet.</p> : d.evidence.map((e) => <Evidence e={e} />)}
      <h2>Timeline</h2>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Event</th>
            <th>By</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {d.events.map((e) => (
            <tr data-event={e.type}>
              <td>
                <When ms={e.at} />
              </td>
              <td>{e.type}</td>
              <td>{actor(e.actor)}</td>
              <td class="url">{e.data_json === "{}" ? "" : e.data_json}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Contacts</h2>
      {d.contacts.length === 0 ? (
        <p>None found yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Role</th>
              <th>Address</th>
              <th>Found in</th>
              <th>Confidence</th>
              <th>Found</th>
            </tr>
          </thead>
          <tbody>
            {d.contacts.map((k) => (
              <tr>
                <td>{k.role}</td>
                <td>{k.address}</td>
                <td>{k.source}</td>
                <td>{k.confidence}</td>
                <td>
                  <When ms={k.found_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Outbox</h2>
      {d.notifications.length === 0 ? (
        <p>No messages.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Message</th>
              <th>To</th>
              <th>Status</th>
              <th class="num">Attempts</th>
              <th>Created</th>
              <th>Sent</th>
            </tr>
          </thead>
          <tbody>
            {d.notifications.map((n) => (
              <tr data-notification={n.status}>
                <td>{`${n.template} (${n.language})`}</td>
                <td>{n.address ? `${n.address} (${n.role})` : "—"}</td>
                <td>{n.status}</td>
                <td class="num">{String(n.attempts)}</td>
                <td>
                  <When ms={n.created_at} />
                </td>
                <td>
                  <When ms={n.sent_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>The owner's answers</h2>
      {owner.length === 0 ? (
        <p>The owner has not answered.</p>
      ) : (
        <ul>
          {owner.map((e) => (
            <li>
              <When ms={e.at} /> {e.type} {e.data_json === "{}" ? "" : e.data_json}
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
});
