// The case lifecycle after verification as one pure function: transition(state, event, now)
// returns the next state and the effects that adapters perform (append an event, queue a
// notice, re-check the listing). No I/O, no clock: `now` is passed in. An event that does not
// apply to the current phase returns the same state and no effects, so a repeated tick or
// message changes nothing.

import {
  CLOSE_GAP_MS,
  CLOSED_RECHECK_DAYS,
  DAY,
  HANDOVER_DAYS,
  REOPEN_WINDOW_DAYS,
  RETENTION_DAYS,
  recheckIntervalDays,
  TIMERS,
} from "./timers.ts";

export type Phase =
  | "verified" //        waiting for contact discovery
  | "unreachable" //     discovery found nobody: a person looks
  | "notified" //        T0 passed, no answer yet (reminder and escalation timers run)
  | "acknowledged" //    the owner answered
  | "disputed" //        the owner disputes, or says the folder is meant to be public: a person decides
  | "fix_claimed" //     the owner says fixed: re-checking
  | "closed";

export type Role = "owner" | "hoster" | "cert";
export type Template = "notice" | "reminder" | "escalation" | "reopened" | "resolved" | "handover";
export type Resolution = "remediated" | "handed_over" | "rejected";

export interface DisclosureState {
  phase: Phase;
  critical: boolean;
  /** Notice period: 0 at first, +1 each time the case reopens (part of each notice's key). */
  period: number;
  /** First notification of this period (T0). */
  t0: number | null;
  reminded: boolean;
  hosterAt: number | null;
  certAt: number | null;
  /** Who has been told in this period (the resolved notice goes to each). */
  told: Role[];
  /** The phase to return to when a fix claim or a dispute does not hold. */
  before: Phase | null;
  /** Times of consecutive negative re-checks (listing gone). */
  negatives: number[];
  lastCheckAt: number | null;
  /** A re-check was asked for at this time and its answer has not come yet. */
  checkAskedAt: number | null;
  closedAt: number | null;
  resolution: Resolution | null;
  /** Which roles discovery found someone for (nobody is "told" through a role without contacts). */
  reachable: Record<Role, boolean>;
}

export type DisclosureEvent =
  /** Discovery's result. `returnOf`: the earlier case of this listing, closed less than 90 days ago. */
  | { type: "contacts"; owner: boolean; hoster: boolean; cert: boolean; returnOf?: string }
  | { type: "tick" }
  | { type: "acknowledge" }
  | { type: "fixed" }
  | { type: "dispute"; reason: string }
  | { type: "meant_public"; reason: string }
  | { type: "review"; decision: "reject" | "resume" }
  | { type: "recheck"; present: boolean }
  | { type: "exhausted"; role: Role }
  /** A team asks to tell the hoster and the CSIRT now. */
  | { type: "escalate" }
  /** The case was closed outside the workflow (a team's close): stop every timer, send nothing. */
  | { type: "closed_elsewhere"; reason: string };

export type Effect =
  | { kind: "event"; type: string; data?: Record<string, unknown> }
  | { kind: "notify"; role: Role; template: Template; period: number }
  | { kind: "recheck" };

export interface Transition {
  state: DisclosureState;
  effects: Effect[];
}

export function initialState(critical: boolean): DisclosureState {
  return {
    phase: "verified",
    critical,
    period: 0,
    t0: null,
    reminded: false,
    hosterAt: null,
    certAt: null,
    told: [],
    before: null,
    negatives: [],
    lastCheckAt: null,
    checkAskedAt: null,
    closedAt: null,
    resolution: null,
    reachable: { owner: false, hoster: false, cert: false },
  };
}

const OPEN: readonly Phase[] = ["notified", "acknowledged", "disputed", "fix_claimed"];
export const isOpen = (p: Phase) => OPEN.includes(p);

class Step {
  effects: Effect[] = [];
  s: DisclosureState;
  constructor(s: DisclosureState) {
    this.s = s;
  }
  event(type: string, data?: Record<string, unknown>) {
    this.effects.push(data ? { kind: "event", type, data } : { kind: "event", type });
  }
  notify(role: Role, template: Template) {
    this.effects.push({ kind: "notify", role, template, period: this.s.period });
    if (!this.s.told.includes(role)) this.s = { ...this.s, told: [...this.s.told, role] };
  }
  set(patch: Partial<DisclosureState>) {
    this.s = { ...this.s, ...patch };
  }
  done(): Transition {
    return { state: this.s, effects: this.effects };
  }
}

function timers(s: DisclosureState) {
  return s.critical ? TIMERS.critical : TIMERS.high;
}

/** Tells the hoster or the CSIRT, once a period; a role without contacts is passed over. */
function escalate(st: Step, to: "hoster" | "cert", now: number) {
  const reachable = st.s.reachable?.[to] ?? true;
  if (to === "hoster" && st.s.hosterAt === null) {
    st.set({ hosterAt: now });
    if (reachable) {
      st.notify("hoster", "escalation");
      st.event("escalated", { to: "hoster" });
    }
  }
  if (to === "cert" && st.s.certAt === null) {
    st.set({ certAt: now });
    if (reachable) {
      st.notify("cert", "escalation");
      st.event("escalated", { to: "cert" });
    }
  }
}

function close(st: Step, resolution: Resolution, now: number) {
  st.set({ phase: "closed", closedAt: now, resolution, before: null, checkAskedAt: null });
  st.event("closed", { resolution });
}

function onContacts(st: Step, e: Extract<DisclosureEvent, { type: "contacts" }>, now: number) {
  if (st.s.phase !== "verified" && st.s.phase !== "unreachable") return;
  if (!e.owner && !e.hoster && !e.cert) {
    if (st.s.phase === "verified") {
      st.set({ phase: "unreachable" });
      st.event("needs_review", { why: "no contact found" });
    }
    return;
  }
  st.set({
    phase: "notified",
    t0: now,
    lastCheckAt: now,
    reachable: { owner: e.owner, hoster: e.hoster, cert: e.cert },
  });
  if (e.returnOf) st.event("reopened", { previous: e.returnOf });
  if (e.owner) {
    st.notify("owner", e.returnOf ? "reopened" : "notice");
    st.event("owner_notified");
  }
  // Nobody at the site to tell, or the listing came back: straight to the hoster and the CSIRT.
  if (!e.owner || e.returnOf) {
    escalate(st, "hoster", now);
    escalate(st, "cert", now);
  }
  // Critical cases go to the CSIRT at once, in parallel with the owner.
  if (st.s.critical && timers(st.s).cert === 0) escalate(st, "cert", now);
}

function onTick(st: Step, now: number) {
  const s = st.s;
  if (s.phase === "closed") {
    // Watch a remediated case for the listing's return while its URL is still kept.
    const watchEnd = (s.closedAt ?? 0) + Math.min(REOPEN_WINDOW_DAYS, RETENTION_DAYS) * DAY;
    if (s.resolution !== "remediated" || now >= watchEnd) return;
    const last = Math.max(s.lastCheckAt ?? 0, s.checkAskedAt ?? 0);
    if (now - last >= CLOSED_RECHECK_DAYS * DAY) {
      st.set({ checkAskedAt: now });
      st.effects.push({ kind: "recheck" });
    }
    return;
  }
  if (!isOpen(s.phase) || s.t0 === null) return;
  const t = timers(s);
  const since = now - s.t0;
  if (since >= HANDOVER_DAYS * DAY) {
    st.notify("cert", "handover");
    st.event("handed_over");
    close(st, "handed_over", now);
    return;
  }
  if (s.phase === "notified") {
    if (!s.reminded && since >= t.reminder * DAY) {
      st.set({ reminded: true });
      st.notify("owner", "reminder");
      st.event("reminded");
    }
    if (since >= t.hoster * DAY) escalate(st, "hoster", now);
  }
  // The CSIRT is told when the owner has not fixed it in time, acknowledged or not.
  if ((s.phase === "notified" || s.phase === "acknowledged") && since >= t.cert * DAY) escalate(st, "cert", now);
  const due = nextCheckAt(st.s);
  if (due !== null && now >= due) {
    st.set({ checkAskedAt: now });
    st.effects.push({ kind: "recheck" });
  }
}

/** When an open case's next routine re-check is due (null: none). */
export function nextCheckAt(s: DisclosureState): number | null {
  if (!isOpen(s.phase) || s.t0 === null) return null;
  const last = Math.max(s.lastCheckAt ?? s.t0, s.checkAskedAt ?? 0);
  // A pending close waits exactly the gap after the first negative check.
  if (s.negatives.length > 0) return Math.max(last, (s.negatives[0] ?? last) + CLOSE_GAP_MS);
  return last + recheckIntervalDays((last - s.t0) / DAY) * DAY;
}

function onRecheck(st: Step, present: boolean, now: number) {
  const s = st.s;
  st.set({ lastCheckAt: now, checkAskedAt: null });
  if (s.phase === "closed") {
    if (!present || s.resolution !== "remediated" || now >= (s.closedAt ?? 0) + REOPEN_WINDOW_DAYS * DAY) return;
    // The listing is back: a new period, and straight to the hoster and the CSIRT.
    st.set({
      phase: "notified",
      period: s.period + 1,
      t0: now,
      reminded: false,
      hosterAt: null,
      certAt: null,
      told: [],
      negatives: [],
      closedAt: null,
      resolution: null,
    });
    st.event("reopened");
    if (s.reachable?.owner ?? true) {
      st.notify("owner", "reopened");
      st.event("owner_notified");
    }
    escalate(st, "hoster", now);
    escalate(st, "cert", now);
    return;
  }
  if (!isOpen(s.phase)) return;
  if (present) {
    if (s.negatives.length > 0) st.set({ negatives: [] });
    if (s.phase === "fix_claimed") {
      st.set({ phase: s.before ?? "notified", before: null });
      st.event("still_exposed");
    }
    return;
  }
  if (s.negatives.length === 0) st.event("fixed");
  const negatives = [...s.negatives, now];
  st.set({ negatives });
  const first = negatives[0] ?? now;
  if (negatives.length >= 2 && now - first >= CLOSE_GAP_MS) {
    for (const role of st.s.told) st.notify(role, "resolved");
    close(st, "remediated", now);
  }
}

export function transition(state: DisclosureState, e: DisclosureEvent, now: number): Transition {
  const st = new Step(state);
  const p = state.phase;
  switch (e.type) {
    case "contacts":
      onContacts(st, e, now);
      break;
    case "tick":
      onTick(st, now);
      break;
    case "acknowledge":
      if (p === "notified") {
        st.set({ phase: "acknowledged" });
        st.event("acknowledged");
      }
      break;
    case "fixed":
      if (p === "notified" || p === "acknowledged" || p === "disputed") {
        st.set({ phase: "fix_claimed", before: p, checkAskedAt: now });
        st.event("fix_claimed");
        st.effects.push({ kind: "recheck" });
      }
      break;
    case "dispute":
    case "meant_public":
      if (p === "notified" || p === "acknowledged") {
        st.set({ phase: "disputed", before: p });
        st.event(e.type === "dispute" ? "disputed" : "meant_public", { reason: e.reason });
        st.event("needs_review", { why: e.type });
      }
      break;
    case "review":
      if (p === "disputed") {
        if (e.decision === "reject") close(st, "rejected", now);
        else {
          st.set({ phase: state.before ?? "notified", before: null });
          st.event("review_resumed");
        }
      }
      break;
    case "recheck":
      onRecheck(st, e.present, now);
      break;
    case "escalate":
      if (isOpen(p)) {
        escalate(st, "hoster", now);
        escalate(st, "cert", now);
      }
      break;
    case "closed_elsewhere":
      if (p !== "closed") {
        st.set({ phase: "closed", closedAt: now, resolution: "rejected", before: null, checkAskedAt: null });
        st.event("disclosure_stopped", { reason: e.reason });
      }
      break;
    case "exhausted":
      // Once a period: the owner's contacts are used up (bounced, suppressed, or asked not to be emailed).
      if (e.role === "owner" && isOpen(p) && (state.reachable?.owner ?? true)) {
        st.set({ reachable: { ...(state.reachable ?? { hoster: true, cert: true }), owner: false } });
        st.event("owner_unreachable");
        escalate(st, "hoster", now);
        escalate(st, "cert", now);
        const r = st.s.reachable ?? { owner: true, hoster: true, cert: true };
        if (!r.hoster && !r.cert) st.event("needs_review", { why: "nobody left to tell" });
      }
      break;
  }
  return st.done();
}

/** The earliest time a tick could change this state (null: nothing is scheduled). */
export function nextDue(s: DisclosureState): number | null {
  if (s.phase === "closed") {
    if (s.resolution !== "remediated" || s.closedAt === null) return null;
    const watchEnd = s.closedAt + Math.min(REOPEN_WINDOW_DAYS, RETENTION_DAYS) * DAY;
    const next = Math.max(s.lastCheckAt ?? 0, s.checkAskedAt ?? 0) + CLOSED_RECHECK_DAYS * DAY;
    return next < watchEnd ? next : null;
  }
  if (!isOpen(s.phase) || s.t0 === null) return null;
  const t = timers(s);
  const times: number[] = [s.t0 + HANDOVER_DAYS * DAY];
  if (s.phase === "notified" && !s.reminded) times.push(s.t0 + t.reminder * DAY);
  if (s.phase === "notified" && s.hosterAt === null) times.push(s.t0 + t.hoster * DAY);
  if ((s.phase === "notified" || s.phase === "acknowledged") && s.certAt === null) times.push(s.t0 + t.cert * DAY);
  const check = nextCheckAt(s);
  if (check !== null) times.push(check);
  return Math.min(...times);
}
