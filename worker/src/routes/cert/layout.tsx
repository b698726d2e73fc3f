/** @jsxImportSource hono/jsx */
// The frame of every dashboard page. hono/jsx escapes every value it renders.
import type { Child } from "hono/jsx";
import type { Viewer } from "../../auth/constituency.ts";

export function Layout(props: { title: string; viewer?: Viewer; csrf?: string; children: Child }) {
  const v = props.viewer;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Indexwatch CERT`}</title>
        <link rel="stylesheet" href="/cert/assets/style.css" />
      </head>
      <body>
        <header>
          <strong>Indexwatch · CERT</strong>
          {v ? <a href="/cert">Queue</a> : null}
          {v ? <a href="/cert/tokens">API tokens</a> : null}
          {v ? (
            <span class="who">
              <span data-testid="team">
                {v.teamName}
                {v.operator ? " (operator)" : ""}
              </span>
              <form method="post" action="/cert/logout">
                <input type="hidden" name="csrf" value={props.csrf ?? ""} />
                <button type="submit" class="secondary">
                  Sign out
                </button>
              </form>
            </span>
          ) : null}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function Severity(props: { value: string }) {
  return <span class={`sev sev-${props.value}`}>{props.value}</span>;
}

/** A time in UTC, always saying so. */
export function When(props: { ms: number | null }) {
  if (props.ms === null) return <span>—</span>;
  const iso = new Date(props.ms).toISOString();
  return <time datetime={iso}>{`${iso.slice(0, 16).replace("T", " ")} UTC`}</time>;
}
