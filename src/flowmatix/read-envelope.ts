import { FlowmatixError } from './flowmatix-error';
import type { TransportResponse } from './flowmatix-transport';
import { parseJsonObject } from './parse-json-object';
import { redactToken } from './redact-token';
import { rejectedError, type CallContext } from './to-flowmatix-error';

/** The API's answer body: `{success, message, code}`, plus `data` for lists. */
export type Envelope = Record<string, unknown>;

/**
 * Reads a 2xx answer as the documented JSON envelope. Rejects with `invalid_response` when the body is not a JSON
 * object and with `rejected` when it says `success: false`.
 */
export const readEnvelope = async (response: TransportResponse, context: CallContext): Promise<Envelope> => {
  if (response.status === 204) return {};
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new FlowmatixError('network', `${context.target} answered ${response.status}, then the body was cut off`, {
      status: response.status,
    });
  }
  const body = parseJsonObject(text);
  if (!body) {
    const sample = redactToken(text.trim().slice(0, 60).replace(/\s+/g, ' '), context.token);
    const what = sample ? `a body that is not a JSON object ("${sample}")` : 'an empty body';
    throw new FlowmatixError('invalid_response', `${context.target} answered ${response.status} with ${what}`, {
      status: response.status,
    });
  }
  if (body.success === false) throw rejectedError(response.status, body, context);
  return body;
};
