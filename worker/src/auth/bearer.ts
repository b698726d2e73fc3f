// Feeds authenticate with a team API token: `Authorization: Bearer iwt_…`. Its keyed hash is
// looked up; a missing, unknown, expired or revoked token gets the same 401.
import type { MiddlewareHandler } from "hono";
import { teamByTokenHash, viewerOf } from "../db/teams.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import type { Viewer } from "./constituency.ts";
import { keyedHash } from "./keyed-hash.ts";

export const TEAM_TOKEN_PREFIX = "iwt_";

export interface FeedEnv extends AppEnv {
  Variables: { viewer: Viewer };
}

export const requireTeamToken: MiddlewareHandler<FeedEnv> = async (c, next) => {
  const m = /^Bearer (iwt_[A-Za-z0-9_-]{43})$/.exec(c.req.header("authorization") ?? "");
  if (!m?.[1]) throw new AppError("unauthorized", "send a team API token as Authorization: Bearer iwt_…");
  const team = await teamByTokenHash(c.env.DB, await keyedHash(c.env.AUTH_SECRET, m[1]), Date.now());
  if (!team) throw new AppError("unauthorized", "unknown or revoked team token");
  c.set("viewer", viewerOf(team));
  await next();
};
