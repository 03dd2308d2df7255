import { type Bundle, redactUrl } from '@drover/core';

/** How `fetch` reads bodies. */
export type BodyFormat = 'json' | 'text';

/** A fetched body, decoded as asked, or why it could not be. */
export type Decoded =
  | { readonly ok: true; readonly value: unknown; readonly body: Buffer }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Decode a body as UTF-8 text, or parse it as JSON. */
export function decodeBody(bundle: Bundle, body: Buffer | undefined, format: BodyFormat): Decoded {
  if (bundle.status !== 'written' || body === undefined) {
    return {
      ok: false,
      code: bundle.error?.code ?? 'ERR_DROVER_UNEXPECTED',
      message: bundle.error?.message ?? `${bundle.method} ${redactUrl(bundle.url)}: no body`,
    };
  }
  const text = body.toString('utf8');
  if (format === 'text') return { ok: true, value: text, body };
  try {
    return { ok: true, value: JSON.parse(text), body };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'ERR_DROVER_CLI_JSON',
      message: `${bundle.method} ${redactUrl(bundle.url)}: body is not JSON: ${reason}`,
    };
  }
}

/** One line of `fetch` with several URLs: `{"url","status","body","error"}`. */
export function fetchLine(bundle: Bundle, decoded: Decoded): string {
  return JSON.stringify({
    url: redactUrl(bundle.url),
    status: bundle.httpStatus ?? null,
    body: decoded.ok ? decoded.value : null,
    error: decoded.ok ? null : { code: decoded.code, message: decoded.message },
  });
}

/**
 * Writes lines in input order although they arrive in completion order: a line waits until every
 * earlier one is out. Holes (items never run after Ctrl-C) are skipped by {@link flush}.
 */
export class OrderedLines {
  private readonly waiting = new Map<number, string>();
  private next = 0;

  constructor(private readonly write: (line: string) => void) {}

  /** Line number `index` (0-based) is ready. */
  add(index: number, line: string): void {
    this.waiting.set(index, line);
    for (let ready = this.waiting.get(this.next); ready !== undefined; ready = this.waiting.get(this.next)) {
      this.write(ready);
      this.waiting.delete(this.next);
      this.next++;
    }
  }

  /** Write whatever still waits, in order. */
  flush(): void {
    for (const index of [...this.waiting.keys()].sort((a, b) => a - b))
      this.write(this.waiting.get(index) ?? '');
    this.waiting.clear();
  }
}
