// Teams may require their approval before anything is sent about a case in their constituency.
import { scopeSql } from "../auth/constituency.ts";
import { type TeamRow, viewerOf } from "./teams.ts";

/**
 * Whether a new notice about this case must start `held`: some team that requires approval
 * covers the case. (Operators' own flag does not hold every case in the world.)
 */
export async function needsApproval(db: D1Database, caseId: string): Promise<boolean> {
  const teams = await db.prepare("SELECT * FROM teams WHERE requires_approval = 1 AND operator = 0").all<TeamRow>();
  for (const team of teams.results) {
    const scope = scopeSql(viewerOf(team));
    const hit = await db
      .prepare(
        `SELECT 1 AS x FROM cases c LEFT JOIN case_locations l ON l.case_id = c.id WHERE c.id = ? AND ${scope.sql}`,
      )
      .bind(caseId, ...scope.params)
      .first();
    if (hit) return true;
  }
  return false;
}
