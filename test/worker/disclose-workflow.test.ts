// Every transition and timer of the pure workflow, with a controlled clock.
import { describe, expect, it } from "vitest";
import { DAY } from "../../worker/src/disclose/timers.ts";
import {
  type DisclosureEvent,
  type DisclosureState,
  type Effect,
  initialState,
  nextDue,
  transition,
} from "../../worker/src/disclose/workflow.ts";

const T0 = 1_800_000_000_000;
const H = 3_600_000;

/** Runs events in order; returns the final state and every effect, each with its time. */
function run(state: DisclosureState, steps: [number, DisclosureEvent][]) {
  let s = state;
  const all: { at: number; effect: Effect }[] = [];
  for (const [at, e] of steps) {
    const r = transition(s, e, at);
    s = r.state;
    for (const effect of r.effects) all.push({ at, effect });
  }
  return { state: s, effects: all };
}

const events = (fx: { effect: Effect }[]) => fx.flatMap((x) => (x.effect.kind === "event" ? [x.effect.type] : []));
const notices = (fx: { effect: Effect }[]) =>
  fx.flatMap((x) => (x.effect.kind === "notify" ? [`${x.effect.role}:${x.effect.template}:${x.effect.period}`] : []));
const rechecks = (fx: { effect: Effect }[]) => fx.filter((x) => x.effect.kind === "recheck").length;

const contacts = (owner = true, hoster = true, cert = true): DisclosureEvent => ({
  type: "contacts",
  owner,
  hoster,
  cert,
});
const tick: DisclosureEvent = { type: "tick" };

function notified(critical = false) {
  return transition(initialState(critical), contacts(), T0).state;
}

describe("contacts found", () => {
  it("notifies the owner at T0 (high): one notice, the owner_notified milestone", () => {
    const r = transition(initialState(false), contacts(), T0);
    expect(r.state).toMatchObject({ phase: "notified", t0: T0 });
    expect(notices(r.effects.map((effect) => ({ effect })))).toEqual(["owner:notice:0"]);
    expect(events(r.effects.map((effect) => ({ effect })))).toEqual(["owner_notified"]);
  });

  it("tells the CSIRT at once, in parallel, when critical", () => {
    const r = run(initialState(true), [[T0, contacts()]]);
    expect(notices(r.effects)).toEqual(["owner:notice:0", "cert:escalation:0"]);
    expect(events(r.effects)).toEqual(["owner_notified", "escalated"]);
    expect(r.state.certAt).toBe(T0);
  });

  it("goes straight to the hoster and the CSIRT when no owner contact exists", () => {
    const r = run(initialState(false), [[T0, contacts(false, true, true)]]);
    expect(notices(r.effects)).toEqual(["hoster:escalation:0", "cert:escalation:0"]);
    expect(events(r.effects)).not.toContain("owner_notified");
  });

  it("asks a person when nobody is found, once", () => {
    const r = run(initialState(false), [
      [T0, contacts(false, false, false)],
      [T0 + H, contacts(false, false, false)],
    ]);
    expect(r.state.phase).toBe("unreachable");
    expect(events(r.effects)).toEqual(["needs_review"]);
  });

  it("ignores a repeated contacts event", () => {
    const r = run(notified(), [[T0 + H, contacts()]]);
    expect(r.effects).toEqual([]);
  });
});

describe("timers (high)", () => {
  it("reminds at 7 days, escalates to the hoster at 10 and the CSIRT at 14, each once", () => {
    const s = notified();
    const r = run(s, [
      [T0 + 7 * DAY - 1, tick],
      [T0 + 7 * DAY, tick],
      [T0 + 7 * DAY + H, tick],
      [T0 + 10 * DAY - 1, tick],
      [T0 + 10 * DAY, tick],
      [T0 + 14 * DAY, tick],
      [T0 + 14 * DAY, tick],
    ]);
    expect(notices(r.effects)).toEqual(["owner:reminder:0", "hoster:escalation:0", "cert:escalation:0"]);
    expect(r.effects.find((x) => x.effect.kind === "notify" && x.effect.template === "reminder")?.at).toBe(
      T0 + 7 * DAY,
    );
    expect(r.effects.find((x) => x.effect.kind === "notify" && x.effect.role === "hoster")?.at).toBe(T0 + 10 * DAY);
  });

  it("critical: reminder at 3 days, hoster at 5", () => {
    const r = run(notified(true), [
      [T0 + 3 * DAY - 1, tick],
      [T0 + 3 * DAY, tick],
      [T0 + 5 * DAY, tick],
    ]);
    expect(notices(r.effects)).toEqual(["owner:reminder:0", "hoster:escalation:0"]);
    expect(r.effects.find((x) => x.effect.kind === "notify" && x.effect.role === "hoster")?.at).toBe(T0 + 5 * DAY);
  });

  it("an acknowledgement stops the reminder and the hoster, not the CSIRT at 14 days", () => {
    const r = run(notified(), [
      [T0 + DAY, { type: "acknowledge" }],
      [T0 + DAY + 1, { type: "acknowledge" }],
      [T0 + 7 * DAY, tick],
      [T0 + 10 * DAY, tick],
      [T0 + 14 * DAY, tick],
    ]);
    expect(events(r.effects).filter((e) => e !== "fixed")).toEqual(["acknowledged", "escalated"]);
    expect(notices(r.effects)).toEqual(["cert:escalation:0"]);
  });

  it("hands the case to the CSIRT unresolved at 90 days and closes it", () => {
    const r = run(notified(), [
      [T0 + 89 * DAY, tick],
      [T0 + 90 * DAY, tick],
      [T0 + 91 * DAY, tick],
    ]);
    expect(notices(r.effects).filter((n) => n.includes("handover"))).toEqual(["cert:handover:0"]);
    expect(r.state).toMatchObject({ phase: "closed", resolution: "handed_over", closedAt: T0 + 90 * DAY });
    expect(events(r.effects)).toContain("handed_over");
  });

  it("re-checks daily for 14 days, then every 3 days, then weekly after 45", () => {
    let s = notified();
    const asked: number[] = [];
    for (let h = 1; h <= 60 * 24; h++) {
      const at = T0 + h * H;
      const r = transition(s, tick, at);
      s = r.state;
      if (r.effects.some((e) => e.kind === "recheck")) {
        asked.push((at - T0) / DAY);
        s = transition(s, { type: "recheck", present: true }, at).state;
      }
    }
    expect(asked.slice(0, 14)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(asked.filter((d) => d > 14 && d <= 45)).toEqual(
      [17, 20, 23, 26, 29, 32, 35, 38, 41, 44, 47].filter((d) => d <= 45),
    );
    expect(asked.filter((d) => d > 47)).toEqual([54]);
  });

  it("schedules the next tick exactly at the next timer", () => {
    const s = notified();
    expect(nextDue(s)).toBe(T0 + DAY); // the first daily re-check
    const after = run(s, [
      [T0 + DAY, tick],
      [T0 + DAY, { type: "recheck", present: true }],
    ]).state;
    expect(nextDue(after)).toBe(T0 + 2 * DAY);
  });
});

describe("owner answers", () => {
  it("fixed → re-check at once; gone twice 24 h apart → closed, everyone told", () => {
    const r = run(notified(true), [
      [T0 + 2 * H, { type: "fixed" }],
      [T0 + 2 * H, { type: "recheck", present: false }],
      [T0 + 3 * H, { type: "fixed" }],
      [T0 + 20 * H, tick],
      [T0 + 2 * H + DAY, tick],
      [T0 + 2 * H + DAY, { type: "recheck", present: false }],
    ]);
    expect(rechecks(r.effects)).toBe(2);
    expect(events(r.effects)).toEqual(["fix_claimed", "fixed", "closed"]);
    expect(notices(r.effects).filter((n) => n.includes("resolved"))).toEqual(["owner:resolved:0", "cert:resolved:0"]);
    expect(r.state).toMatchObject({ phase: "closed", resolution: "remediated" });
  });

  it("two negative checks less than 24 h apart do not close", () => {
    const r = run(notified(), [
      [T0 + H, { type: "recheck", present: false }],
      [T0 + 23 * H, { type: "recheck", present: false }],
    ]);
    expect(r.state.phase).toBe("notified");
    const later = transition(r.state, { type: "recheck", present: false }, T0 + 25 * H);
    expect(later.state.phase).toBe("closed");
  });

  it("a fix claim that does not hold goes back to where it was, and resets the count", () => {
    const r = run(notified(), [
      [T0 + H, { type: "acknowledge" }],
      [T0 + 2 * H, { type: "fixed" }],
      [T0 + 2 * H, { type: "recheck", present: true }],
    ]);
    expect(r.state).toMatchObject({ phase: "acknowledged", negatives: [] });
    expect(events(r.effects)).toEqual(["acknowledged", "fix_claimed", "still_exposed"]);
  });

  it("a dispute goes to a person and pauses the reminder; the person may resume or reject", () => {
    const disputed = run(notified(), [
      [T0 + H, { type: "dispute", reason: "not ours" }],
      [T0 + 8 * DAY, tick],
    ]);
    expect(disputed.state.phase).toBe("disputed");
    expect(events(disputed.effects)).toEqual(["disputed", "needs_review"]);
    expect(notices(disputed.effects)).toEqual([]);
    const resumed = transition(disputed.state, { type: "review", decision: "resume" }, T0 + 9 * DAY);
    expect(resumed.state.phase).toBe("notified");
    const rejected = transition(disputed.state, { type: "review", decision: "reject" }, T0 + 9 * DAY);
    expect(rejected.state).toMatchObject({ phase: "closed", resolution: "rejected" });
  });

  it("'meant to be public' goes to a person too", () => {
    const r = transition(notified(), { type: "meant_public", reason: "open data" }, T0 + H);
    expect(r.state.phase).toBe("disputed");
    expect(r.effects).toContainEqual({ kind: "event", type: "needs_review", data: { why: "meant_public" } });
  });

  it("ignores owner answers on a closed case", () => {
    const closed = run(notified(), [
      [T0 + H, { type: "recheck", present: false }],
      [T0 + 2 * DAY, { type: "recheck", present: false }],
    ]).state;
    for (const e of [
      { type: "acknowledge" },
      { type: "fixed" },
      { type: "dispute", reason: "x" },
    ] as DisclosureEvent[]) {
      expect(transition(closed, e, T0 + 3 * DAY).effects).toEqual([]);
    }
  });
});

describe("team actions", () => {
  it("escalate now tells the hoster and the CSIRT once, in an open case only", () => {
    const r = run(notified(), [
      [T0 + H, { type: "escalate" }],
      [T0 + 2 * H, { type: "escalate" }],
    ]);
    expect(notices(r.effects)).toEqual(["hoster:escalation:0", "cert:escalation:0"]);
    expect(transition(initialState(false), { type: "escalate" }, T0).effects).toEqual([]);
  });

  it("a case closed elsewhere stops its timers and sends nothing more", () => {
    const r = run(notified(), [
      [T0 + DAY, { type: "closed_elsewhere", reason: "false positive" }],
      [T0 + 8 * DAY, tick],
      [T0 + 15 * DAY, tick],
    ]);
    expect(r.state).toMatchObject({ phase: "closed", resolution: "rejected", closedAt: T0 + DAY });
    expect(events(r.effects)).toEqual(["disclosure_stopped"]);
    expect(notices(r.effects)).toEqual([]);
    expect(nextDue(r.state)).toBeNull();
  });
});

describe("bounces and reopening", () => {
  it("all owner contacts bounced: straight to the hoster and the CSIRT, once", () => {
    const r = run(notified(), [
      [T0 + H, { type: "exhausted", role: "owner" }],
      [T0 + 2 * H, { type: "exhausted", role: "owner" }],
    ]);
    expect(notices(r.effects)).toEqual(["hoster:escalation:0", "cert:escalation:0"]);
    expect(events(r.effects)).toEqual(["owner_unreachable", "escalated", "escalated"]);
  });

  it("nobody is 'escalated' to through a role discovery found no one for", () => {
    const ownerOnly = transition(initialState(false), contacts(true, false, false), T0).state;
    const r = run(ownerOnly, [
      [T0 + 10 * DAY, tick],
      [T0 + 14 * DAY, tick],
    ]);
    expect(notices(r.effects)).toEqual(["owner:reminder:0"]);
    expect(events(r.effects)).toEqual(["reminded"]);
    const gone = transition(ownerOnly, { type: "exhausted", role: "owner" }, T0 + H);
    expect(gone.effects).toContainEqual({ kind: "event", type: "needs_review", data: { why: "nobody left to tell" } });
  });

  it("a closed case is watched weekly and reopened (new period, escalated at once) when the listing returns", () => {
    const closedAt = T0 + 2 * DAY;
    const closed = run(notified(), [
      [T0 + H, { type: "recheck", present: false }],
      [closedAt, { type: "recheck", present: false }],
    ]).state;
    expect(nextDue(closed)).toBe(closedAt + 7 * DAY);
    const r = run(closed, [
      [closedAt + 6 * DAY, tick],
      [closedAt + 7 * DAY, tick],
      [closedAt + 7 * DAY, { type: "recheck", present: true }],
    ]);
    expect(rechecks(r.effects)).toBe(1);
    expect(r.state).toMatchObject({ phase: "notified", period: 1, t0: closedAt + 7 * DAY });
    expect(notices(r.effects)).toEqual(["owner:reopened:1", "hoster:escalation:1", "cert:escalation:1"]);
    expect(events(r.effects)).toEqual(["reopened", "owner_notified", "escalated", "escalated"]);
  });

  it("a new case of a listing whose earlier case was purged within 90 days starts as a reopening", () => {
    const r = run(initialState(false), [
      [T0, { type: "contacts", owner: true, hoster: true, cert: true, returnOf: "old" }],
    ]);
    expect(events(r.effects)).toEqual(["reopened", "owner_notified", "escalated", "escalated"]);
    expect(notices(r.effects)).toEqual(["owner:reopened:0", "hoster:escalation:0", "cert:escalation:0"]);
    expect(r.effects[0]?.effect).toEqual({ kind: "event", type: "reopened", data: { previous: "old" } });
  });

  it("a returning listing whose owner could not be reached goes to the hoster and the CSIRT only", () => {
    const closed = run(notified(), [
      [T0 + H, { type: "exhausted", role: "owner" }],
      [T0 + 2 * H, { type: "recheck", present: false }],
      [T0 + 2 * DAY, { type: "recheck", present: false }],
    ]).state;
    expect(closed.phase).toBe("closed");
    const r = transition(closed, { type: "recheck", present: true }, T0 + 5 * DAY);
    expect(notices(r.effects.map((effect) => ({ effect })))).toEqual(["hoster:escalation:1", "cert:escalation:1"]);
    expect(events(r.effects.map((effect) => ({ effect })))).toEqual(["reopened", "escalated", "escalated"]);
  });

  it("stops watching a closed case once its evidence is due for deletion", () => {
    const closedAt = T0 + 2 * DAY;
    let s = run(notified(), [
      [T0 + H, { type: "recheck", present: false }],
      [closedAt, { type: "recheck", present: false }],
    ]).state;
    let checks = 0;
    for (let d = 1; d <= 60; d++) {
      const r = transition(s, tick, closedAt + d * DAY);
      s = r.state;
      if (r.effects.some((e) => e.kind === "recheck")) {
        checks++;
        s = transition(s, { type: "recheck", present: false }, closedAt + d * DAY).state;
      }
    }
    expect(checks).toBe(4); // days 7, 14, 21, 28
    expect(nextDue(s)).toBeNull();
  });
});
