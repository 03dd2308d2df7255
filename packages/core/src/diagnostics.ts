import diagnosticsChannel from 'node:diagnostics_channel';
import type { Bundle } from './bundle.js';
import type { DroverError } from './errors/drover-error.js';
import type { DroverRequest } from './http/request.js';
import type { DroverResponse } from './http/response.js';

/** Published when a request is about to be sent: `{ bundle, attempt, request }`. */
export const REQUEST_START_CHANNEL = 'drover:request:start';
/** Published when an attempt ends: `{ bundle, attempt, request, response?, error? }`. */
export const REQUEST_END_CHANNEL = 'drover:request:end';

/** The message of {@link REQUEST_START_CHANNEL}. */
export interface RequestStartMessage {
  readonly bundle: Bundle;
  readonly attempt: number;
  readonly request: DroverRequest;
}

/** The message of {@link REQUEST_END_CHANNEL}. */
export interface RequestEndMessage extends RequestStartMessage {
  /** The response, when one arrived (its body already consumed). */
  readonly response: DroverResponse | undefined;
  /** Why the attempt failed, if it did. */
  readonly error: DroverError | undefined;
}

const start = diagnosticsChannel.channel(REQUEST_START_CHANNEL);
const end = diagnosticsChannel.channel(REQUEST_END_CHANNEL);

/** Tell subscribers a request starts; costs nothing when nobody subscribed. */
export function publishStart(message: () => RequestStartMessage): void {
  if (start.hasSubscribers) start.publish(message());
}

/** Tell subscribers an attempt ended; costs nothing when nobody subscribed. */
export function publishEnd(message: () => RequestEndMessage): void {
  if (end.hasSubscribers) end.publish(message());
}
