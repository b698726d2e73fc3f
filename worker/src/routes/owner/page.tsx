/** @jsxImportSource hono/jsx */
// The owner's page: what we saw, how to switch it off, and the answers the owner can give.
// hono/jsx escapes every value, so nothing from a listing can inject markup.
import type { NoticeLanguage } from "../../../../shared/disclosure/language.ts";
import { listingOff } from "../../../../shared/disclosure/listing-off.ts";
import type { CaseFacts } from "../../disclose/notice/facts.ts";

const PHASE_TEXT: Record<string, string> = {
  verified: "Verified; we are finding whom to tell.",
  notified: "Notified: waiting for your answer.",
  acknowledged: "Acknowledged: thank you. We re-check the listing every day.",
  disputed: "Disputed: a person at Indexwatch will look at your answer.",
  fix_claimed: "You told us it is fixed: we are re-checking. Two checks 24 hours apart close the case.",
  closed: "Closed.",
};

const DONE_TEXT: Record<string, string> = {
  acknowledge: "Thank you: your acknowledgement is recorded.",
  fixed: "Thank you: we are re-checking the listing now.",
  dispute: "Your dispute is recorded; a person will look at it.",
  public: "Recorded: a person will look at it.",
  preferences: "Your preferences are saved.",
};

export interface OwnerView {
  token: string;
  csrf: string;
  facts: CaseFacts;
  phase: string;
  language: NoticeLanguage;
  noEmail: boolean;
  done: string | null;
}

function Form(props: { view: OwnerView; action: string; label: string; reason?: boolean; secondary?: boolean }) {
  return (
    <form method="post" action={`/o/${props.view.token}/${props.action}`}>
      <input type="hidden" name="csrf" value={props.view.csrf} />
      {props.reason ? (
        <label>
          Reason (required)
          <textarea name="reason" required maxlength={2000} rows={3} />
        </label>
      ) : null}
      <button type="submit" class={props.secondary ? "secondary" : undefined}>
        {props.label}
      </button>
    </form>
  );
}

export function OwnerPage(props: { view: OwnerView }) {
  const v = props.view;
  const f = v.facts;
  const fix = listingOff(f.server, f.format);
  const open = v.phase !== "closed";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>Indexwatch · exposure on {f.host}</title>
      </head>
      <body>
        <main>
          <h1>Personal data exposed on {f.host}</h1>
          {v.done && DONE_TEXT[v.done] ? <p role="status">{DONE_TEXT[v.done]}</p> : null}
          <p data-testid="phase">{PHASE_TEXT[v.phase] ?? v.phase}</p>
          <h2>What we saw</h2>
          <dl>
            <dt>Listing</dt>
            <dd data-testid="url">{f.listingRoot}</dd>
            {f.firstVerifiedAt !== null ? (
              <>
                <dt>First verified</dt>
                <dd>{new Date(f.firstVerifiedAt).toISOString().replace("T", " ").slice(0, 16)} UTC</dd>
              </>
            ) : null}
            {f.files !== null ? (
              <>
                <dt>Files listed</dt>
                <dd>{f.files}</dd>
              </>
            ) : null}
            {f.oldest && f.newest ? (
              <>
                <dt>Dates in file names</dt>
                <dd>
                  {f.oldest} – {f.newest}
                </dd>
              </>
            ) : null}
            <dt>By category</dt>
            <dd>
              {Object.entries(f.categories)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ") || "—"}
            </dd>
          </dl>
          {f.samples.length > 0 ? (
            <>
              <p>Redacted sample names (we never downloaded any file):</p>
              <ul data-testid="samples">
                {f.samples.map((s) => (
                  <li>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>How to turn the listing off</h2>
          <p>Detected server: {fix.server}</p>
          <pre>{fix.setting}</pre>
          <p>{fix.how[v.language]}</p>
          {open ? (
            <>
              <h2>Answer us</h2>
              <Form view={v} action="acknowledge" label="Acknowledge" />
              <Form view={v} action="fixed" label="Fixed — re-check now" />
              <h3>Dispute</h3>
              <Form view={v} action="dispute" label="Dispute this notice" reason secondary />
              <h3>This folder is meant to be public</h3>
              <Form view={v} action="public" label="Tell a person at Indexwatch" reason secondary />
            </>
          ) : null}
          <h2>Contact preferences</h2>
          <form method="post" action={`/o/${v.token}/preferences`}>
            <input type="hidden" name="csrf" value={v.csrf} />
            <label>
              Language of our emails{" "}
              <select name="language">
                <option value="en" selected={v.language === "en"}>
                  English
                </option>
                <option value="sv" selected={v.language === "sv"}>
                  Svenska
                </option>
              </select>
            </label>
            <label>
              <input type="checkbox" name="no_email" value="1" checked={v.noEmail} /> Do not email this address again
              about this case (the case then goes to the hosting provider and the national CSIRT)
            </label>
            <button type="submit" class="secondary">
              Save preferences
            </button>
          </form>
        </main>
      </body>
    </html>
  );
}
