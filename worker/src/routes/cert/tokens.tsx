/** @jsxImportSource hono/jsx */
// A signed-in person's own API tokens for the feeds: made here (shown once, in the answer to
// the form, never in a URL), listed by date, revoked here. Only keyed hashes are stored.
import { Hono } from "hono";
import { TEAM_TOKEN_PREFIX } from "../../auth/bearer.ts";
import type { Viewer } from "../../auth/constituency.ts";
import { checkCsrf } from "../../auth/csrf.ts";
import { keyedHash, newSecret } from "../../auth/keyed-hash.ts";
import { type CertEnv, requireSession } from "../../auth/session.ts";
import { type AccountTokenRow, accountTokens, newAccountToken, revokeAccountToken } from "../../db/teams.ts";
import { AppError } from "../../errors.ts";
import { Layout, When } from "./layout.tsx";

/** At most this many live tokens per account. */
export const MAX_TOKENS = 10;

function TokensPage(props: { viewer: Viewer; csrf: string; tokens: AccountTokenRow[]; fresh?: string }) {
  return (
    <Layout title="API tokens" viewer={props.viewer} csrf={props.csrf}>
      <h1>Your API tokens</h1>
      <p>
        For the feeds of {props.viewer.teamName}: <code>Authorization: Bearer iwt_…</code> on{" "}
        <code>/api/v1/feeds/cases.json</code>, <code>/api/v1/feeds/cases.csv</code> and{" "}
        <code>/api/v1/cases/:caseId/xarf</code>.
      </p>
      {props.fresh ? (
        <p class="flash" role="status">
          New token (shown once, store it now): <code data-testid="new-token">{props.fresh}</code>
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Token</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <tr data-token={t.hash.slice(0, 12)}>
              <td>
                <code>{`iwt_… (${t.hash.slice(0, 12)})`}</code>
              </td>
              <td>
                <When ms={t.created_at} />
              </td>
              <td>
                <form method="post" action="/cert/tokens/revoke">
                  <input type="hidden" name="csrf" value={props.csrf} />
                  <input type="hidden" name="id" value={t.hash} />
                  <button type="submit" class="danger">
                    Revoke
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.tokens.length < MAX_TOKENS ? (
        <form method="post" action="/cert/tokens">
          <input type="hidden" name="csrf" value={props.csrf} />
          <p>
            <button type="submit">Create a token</button>
          </p>
        </form>
      ) : (
        <p>{`At most ${MAX_TOKENS} tokens: revoke one first.`}</p>
      )}
    </Layout>
  );
}

export const tokens = new Hono<CertEnv>()
  .get("/cert/tokens", requireSession, async (c) => {
    const account = c.get("session").account;
    return c.html(
      <TokensPage viewer={c.get("viewer")} csrf={c.get("csrf")} tokens={await accountTokens(c.env.DB, account.id)} />,
    );
  })
  .post("/cert/tokens", requireSession, async (c) => {
    checkCsrf(c, await c.req.parseBody(), c.get("csrf"));
    const account = c.get("session").account;
    if ((await accountTokens(c.env.DB, account.id)).length >= MAX_TOKENS) {
      throw new AppError("bad_request", `at most ${MAX_TOKENS} tokens per account: revoke one first`);
    }
    const token = newSecret(TEAM_TOKEN_PREFIX);
    await newAccountToken(c.env.DB, await keyedHash(c.env.AUTH_SECRET, token), account.team_id, account.id, Date.now());
    return c.html(
      <TokensPage
        viewer={c.get("viewer")}
        csrf={c.get("csrf")}
        tokens={await accountTokens(c.env.DB, account.id)}
        fresh={token}
      />,
    );
  })
  .post("/cert/tokens/revoke", requireSession, async (c) => {
    const form = await c.req.parseBody();
    checkCsrf(c, form, c.get("csrf"));
    const id = typeof form.id === "string" ? form.id : "";
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AppError("bad_request", "id: not a token id");
    if (!(await revokeAccountToken(c.env.DB, id, c.get("session").account.id))) {
      throw new AppError("not_found", "no such token of yours");
    }
    return c.redirect("/cert/tokens", 303);
  });
