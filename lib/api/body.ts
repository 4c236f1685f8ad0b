/**
 * The request body as text, but never more than `max` bytes plus one: a client cannot make the
 * server hold a huge body in memory, and the handler still sees that it was too large.
 */
export async function readBodyText(request: Request, max: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, max));
}

/** The request body's bytes, never more than `max` plus one (see readBodyText). */
export async function readBodyBytes(request: Request, max: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}
