/**
 * A JSON object answered as it is written: its small fields at once, its long lists a slice at a
 * time as the client reads. A 50,000-row import's dry run lists every report and warning: as one
 * `Response.json` it was the list's objects, their JSON text and its bytes at once, about 75 MB
 * on the server (decision 062); streamed, it is one slice.
 */
export type StreamedJson = { kind: "json-stream"; stream: ReadableStream<Uint8Array> };

/** Items per slice of a list. */
const SLICE = 500;

/**
 * Lines of JSON (NDJSON) written as `run` emits them, then the line it returns: a long job's
 * progress, then its outcome. A reader who goes away stops the lines, not the job.
 */
export function ndjsonStream(run: (emit: (line: unknown) => void) => Promise<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let gone = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const emit = (line: unknown) => {
        if (gone) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          gone = true;
        }
      };
      void run(emit).then(
        (last) => {
          emit(last);
          if (!gone) controller.close();
        },
        (e: unknown) => {
          if (!gone) controller.error(e);
        },
      );
    },
    cancel() {
      gone = true;
    },
  });
}

export function isStreamedJson(body: unknown): body is StreamedJson {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "json-stream";
}

/** `{...fields, ...lists}`: each list is read from its iterable only as the answer is sent. */
export function streamedJson(fields: Record<string, unknown>, lists: Record<string, Iterable<unknown>>): StreamedJson {
  const encoder = new TextEncoder();
  const parts = textParts(fields, lists);
  return {
    kind: "json-stream",
    stream: new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    }),
  };
}

function* textParts(fields: Record<string, unknown>, lists: Record<string, Iterable<unknown>>): Generator<string> {
  const head = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  let text = `{${head.join(",")}`;
  let first = head.length === 0;
  for (const [name, list] of Object.entries(lists)) {
    text += `${first ? "" : ","}${JSON.stringify(name)}:[`;
    first = false;
    let n = 0;
    for (const item of list) {
      text += `${n++ ? "," : ""}${JSON.stringify(item)}`;
      if (n % SLICE === 0) {
        yield text;
        text = "";
      }
    }
    text += "]";
  }
  yield `${text}}`;
}
