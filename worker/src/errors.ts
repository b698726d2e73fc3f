import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

export type ErrorCode =
  | "bad_request"
  | "invalid_json"
  | "invalid_report"
  | "target_refused"
  | "pow_invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal";

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 413 | 415 | 422 | 429 | 500> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_report: 422,
  target_refused: 422,
  pow_invalid: 403,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

/** The one error type the Worker throws; `onError` turns it into `{error: {code, message, requestId}}`. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string) {
  return { error: { code, message, requestId } };
}

/** Never a stack trace: known errors keep their message, anything else is "internal". */
export function onError(err: Error, c: Context): Response {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, requestId), STATUS[err.code]);
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody("bad_request", err.message || "bad request", requestId), err.status);
  }
  console.error("unhandled", err.name, err.message);
  return c.json(errorBody("internal", "internal error", requestId), 500);
}
