// The owner's link: a random token (only its SHA-256 is stored) that opens one case until it
// expires. Unknown, wrong and expired tokens all look the same.
import { hashToken } from "../../security/tokens.ts";

export async function caseOfOwnerToken(db: D1Database, token: string, now: number): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) return null;
  const row = await db
    .prepare(
      "SELECT case_id FROM tokens WHERE hash = ?1 AND purpose = 'owner' AND (expires_at IS NULL OR expires_at > ?2)",
    )
    .bind(await hashToken(token), now)
    .first<{ case_id: string | null }>();
  return row?.case_id ?? null;
}
