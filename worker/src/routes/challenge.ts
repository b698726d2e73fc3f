import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { issueChallenge } from "../security/pow.ts";

/** `GET /api/v1/challenge`: a signed proof-of-work challenge to solve before reporting. */
export const challenge = new Hono<AppEnv>().get("/api/v1/challenge", async (c) => {
  c.header("cache-control", "no-store");
  return c.json(await issueChallenge(c.env, Date.now()));
});
