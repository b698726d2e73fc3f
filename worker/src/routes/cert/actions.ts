// A team's actions on a case. Each appends an event (actor `team:<id>`, with the account that
// acted) and does its part: notices move between `pending` and `held` in the outbox, a close
// closes the case and stops its disclosure, a re-check re-checks the listing now, and an
// escalation has the disclosure workflow tell the hoster and the national CSIRT now.
import { Hono } from "hono";
import { checkCsrf } from "../../auth/csrf.ts";
import { type CertEnv, requireSession } from "../../auth/session.ts";
import { appendTeamEvent, closeCase, moveNotices, type TeamEvent } from "../../db/case-actions.ts";
import { visibleCase } from "../../db/cert-cases.ts";
import { applyEvent } from "../../disclose/apply.ts";
import { recheckForDisclosure } from "../../disclose/recheck.ts";
import type { Bindings } from "../../env.ts";
import { AppError } from "../../errors.ts";

interface Action {
  label: string;
  /** Allowed on a closed case. */
  whenClosed?: boolean;
  run(env: Bindings, e: Omit<TeamEvent, "type">, text: string): Promise<void>;
}

/** Closes the case, then stops its disclosure at once (cron would also find it). */
async function closeByTeam(env: Bindings, e: Omit<TeamEvent, "type">, reason: string): Promise<void> {
  await closeCase(env.DB, { ...e, type: "closed", data: { ...e.data, reason } });
  await applyEvent(env, e.caseId, { type: "closed_elsewhere", reason }, e.now, { actor: `team:${e.teamId}` });
}

export const ACTIONS = {
  hold: {
    label: "notices held",
    run: async (env, e) => void (await moveNotices(env.DB, { ...e, type: "notices_held" }, "pending", "held")),
  },
  approve: {
    label: "notices approved",
    run: async (env, e) => void (await moveNotices(env.DB, { ...e, type: "notices_approved" }, "held", "pending")),
  },
  escalate: {
    label: "escalation requested",
    run: async (env, e) => {
      await appendTeamEvent(env.DB, { ...e, type: "escalation_requested" });
      // The workflow tells the hoster and the national CSIRT now (events `escalated`).
      await applyEvent(env, e.caseId, { type: "escalate" }, e.now, { actor: `team:${e.teamId}` });
    },
  },
  recheck: {
    label: "re-checked",
    run: async (env, e) => {
      await appendTeamEvent(env.DB, { ...e, type: "recheck_requested" });
      // Re-checks the listing and feeds the answer to the disclosure workflow (a listing gone
      // twice, 24 h apart, closes the case as remediated).
      await recheckForDisclosure(env, e.caseId, e.now, { actor: `team:${e.teamId}` });
    },
  },
  close_false_positive: {
    label: "closed as a false positive",
    run: (env, e) => closeByTeam(env, e, "false_positive"),
  },
  close_public: {
    label: "closed as intentionally public",
    run: (env, e) => closeByTeam(env, e, "intentionally_public"),
  },
  note: {
    label: "note added",
    whenClosed: true,
    run: (env, e, text) => appendTeamEvent(env.DB, { ...e, type: "note", data: { ...e.data, text } }),
  },
} satisfies Record<string, Action>;

export type ActionName = keyof typeof ACTIONS;

export const actions = new Hono<CertEnv>().post("/cert/cases/:caseId/actions", requireSession, async (c) => {
  const form = await c.req.parseBody();
  checkCsrf(c, form, c.get("csrf"));
  const caseId = c.req.param("caseId");
  const viewer = c.get("viewer");
  const kase = await visibleCase(c.env.DB, viewer, caseId);
  if (!kase) throw new AppError("not_found", "no such case in this team's constituency");
  const name = typeof form.action === "string" ? form.action : "";
  if (!Object.hasOwn(ACTIONS, name))
    throw new AppError("bad_request", `action must be one of ${Object.keys(ACTIONS).join(", ")}`);
  const action: Action = ACTIONS[name as ActionName];
  const text = typeof form.text === "string" ? form.text.trim() : "";
  if (name === "note" && (text === "" || text.length > 2000)) {
    throw new AppError("bad_request", "a note is 1 to 2000 characters");
  }
  if (kase.closed_at !== null && !action.whenClosed) throw new AppError("bad_request", "this case is closed");
  await action.run(
    c.env,
    { caseId, teamId: viewer.teamId, now: Date.now(), data: { account: c.get("session").account.login } },
    text,
  );
  return c.redirect(`/cert/cases/${encodeURIComponent(caseId)}?done=${name}`, 303);
});
