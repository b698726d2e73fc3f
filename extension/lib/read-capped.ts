// A listing's body read with bounds: at most `maxBytes`, within `ms`. A hostile server can send
// a listing that never ends (a row every few milliseconds, forever) or one far larger than any
// listing; `Response.text()` would wait for the end and hold all of it.

export type CappedBody = { ok: true; text: string } | { ok: false; reason: "too_large" | "too_slow" };

/** The body as text, or why it was given up: more than `maxBytes`, or not over within `ms`. */
export async function readCapped(res: Response, maxBytes: number, ms: number): Promise<CappedBody> {
  if (!res.body) return { ok: true, text: "" };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    reader.cancel().catch(() => undefined);
  }, ms);
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (late) return { ok: false, reason: "too_slow" };
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large" };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (err) {
    if (late) return { ok: false, reason: "too_slow" };
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return { ok: true, text: text + decoder.decode() };
}
