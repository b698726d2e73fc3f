// A response body as a sequence of chunks read into one reused buffer (a BYOB reader), so that
// reading a page of any size allocates no buffer per chunk: in workerd, every default-reader
// chunk is memory outside the JS heap that is only given back at the next garbage
// collection, and for a fast server these pile up to about the size of the page. Each chunk
// is valid only until the next one is asked for.

const BUFFER = 64 * 1024;

export interface ChunkOptions {
  /** false: a new buffer per chunk (the caller keeps them). */
  reuse?: boolean;
  /** Stops the reading: the body is cancelled, a pending read ends, and eachChunk returns. */
  signal?: AbortSignal;
}

/** Calls `take` with each chunk of the body in turn; `take` returns false to stop reading. */
export async function eachChunk(
  body: ReadableStream<Uint8Array> | null,
  take: (chunk: Uint8Array) => Promise<boolean> | boolean,
  opts: ChunkOptions = {},
): Promise<void> {
  if (!body) return;
  if (opts.signal?.aborted) {
    await body.cancel(opts.signal.reason).catch(() => undefined);
    return;
  }
  let byob: ReadableStreamBYOBReader | null = null;
  if (opts.reuse !== false) {
    try {
      byob = body.getReader({ mode: "byob" });
    } catch {
      byob = null; // not a byte stream: read it chunk by chunk
    }
  }
  const reader = byob ?? body.getReader();
  const stop = () => {
    reader.cancel(opts.signal?.reason).catch(() => undefined);
  };
  opts.signal?.addEventListener("abort", stop);
  try {
    if (byob) {
      let buffer = new ArrayBuffer(BUFFER);
      for (;;) {
        const { done, value } = await byob.read(new Uint8Array(buffer, 0, BUFFER));
        if (done || !value || opts.signal?.aborted) return;
        if (!(await take(value))) {
          await byob.cancel();
          return;
        }
        buffer = value.buffer as ArrayBuffer;
      }
    }
    const plain = reader as ReadableStreamDefaultReader<Uint8Array>;
    for (;;) {
      const { done, value } = await plain.read();
      if (done || opts.signal?.aborted) return;
      if (!(await take(value))) {
        await plain.cancel();
        return;
      }
    }
  } finally {
    opts.signal?.removeEventListener("abort", stop);
  }
}
