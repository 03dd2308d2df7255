import { ClosedError } from './errors/closed-error.js';
import { DroverError, isDroverError } from './errors/drover-error.js';
import { ERROR_CODES, type ErrorCodeRule, errorCodeKey } from './errors/error-codes.js';
import { FileSystemError } from './errors/file-system-error.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { NetworkError } from './errors/network-error.js';
import { RedirectError } from './errors/redirect-error.js';

/** Which request an error belongs to. */
export interface ErrorContext {
  readonly url: string;
  readonly method: string;
  readonly filePath?: string | undefined;
}

/** How an error from a transport, a socket or a decoder is read: its code and the table's rule. */
export interface Classification {
  /** The code that decided, when the error carries one. */
  readonly code: string | undefined;
  /** The row of `ERROR_CODES` that applies (the code, its family, or `*`). */
  readonly key: string;
  readonly rule: ErrorCodeRule;
}

/** How far down `cause` chains to look for a code. */
const CAUSE_DEPTH = 4;

/** The errors an error is made of, outermost first: itself, its causes, an AggregateError's first. */
function layersOf(error: unknown): Error[] {
  const layers: Error[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < CAUSE_DEPTH; depth++) {
    layers.push(current);
    const first = current instanceof AggregateError ? current.errors[0] : undefined;
    current = current.cause ?? first;
  }
  return layers;
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/**
 * Read an error through the one table (`ERROR_CODES`): the first code in its cause chain that has a
 * row of its own wins, else the first code's family. undici's parser errors carry no code (its
 * `HTTPParserError` looks its code up in the wrong direction), so they count as the `HPE_*` family.
 */
export function classify(error: unknown): Classification {
  const layers = layersOf(error);
  const codes = layers.map(codeOf).filter((code): code is string => code !== undefined);
  const code = codes.find((candidate) => errorCodeKey(candidate) === candidate) ?? codes[0];
  const parserError = code === undefined && layers.some((layer) => layer.name === 'HTTPParserError');
  const key = parserError ? 'HPE_*' : errorCodeKey(code);
  return { code, key, rule: ERROR_CODES[key] as ErrorCodeRule };
}

function systemCodeOf(error: unknown): string | undefined {
  for (const layer of layersOf(error)) {
    const code = codeOf(layer);
    if (code !== undefined && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_')) return code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // follow-redirects says what failed in its cause ("Redirected request failed: …").
  return error.cause instanceof Error && codeOf(error)?.startsWith('ERR_FR_') === true
    ? `${error.message}: ${error.cause.message}`
    : error.message;
}

/** Turn an error from the transport (before any response arrived) into a drover error. */
export function classifyRequestError(error: unknown, context: ErrorContext): DroverError {
  if (isDroverError(error)) return error;
  const { code, rule } = classify(error);
  const detail = `${rule.meaning}: ${messageOf(error)}`;
  const options = { ...context, cause: error };
  switch (rule.becomes) {
    case 'ClosedError':
      return new ClosedError(options);
    case 'RedirectError':
      return new RedirectError(messageOf(error), options);
    case 'InvalidUrlError':
      return new InvalidUrlError(detail, options);
    case 'InvalidRequestError':
      return new InvalidRequestError(detail, options);
    case 'NetworkError':
      return new NetworkError(detail, {
        ...options,
        systemCode: systemCodeOf(error),
        causeCode: code,
        transient: rule.transient,
        requestSent: rule.requestSent,
      });
  }
}

/** Turn whatever a download strategy threw into a drover error: system errors become `FileSystemError`. */
export function classifyWriteError(error: unknown, context: ErrorContext): DroverError {
  if (isDroverError(error)) return error;
  if (systemCodeOf(error) !== undefined) {
    const path = (error as { path?: unknown }).path;
    return new FileSystemError(typeof path === 'string' ? path : (context.filePath ?? ''), {
      ...context,
      cause: error,
    });
  }
  return unexpected('the download strategy failed', error, context);
}

/** A drover error for a bug or surprise in user code (a strategy that threw). */
export function unexpected(detail: string, error: unknown, context: ErrorContext): DroverError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DroverError('ERR_DROVER_UNEXPECTED', `${detail}: ${reason}`, { ...context, cause: error });
}
