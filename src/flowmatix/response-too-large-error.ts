/**
 * What a transport's `text()` rejects with when an answer's body is larger than the request's `maxBodyBytes`: the
 * transport stops reading at the limit and drops the connection, so a huge or endless answer costs no memory. The
 * client turns it into a `FlowmatixError` with code `invalid_response`; it is not itself a call's failure.
 *
 * @example
 * if (received > request.maxBodyBytes) throw new ResponseTooLargeError(response.status, request.maxBodyBytes);
 */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  /** The status of the answer whose body was too large. */
  readonly status: number;
  /** The limit it passed, in bytes. */
  readonly limit: number;

  constructor(status: number, limit: number) {
    super(`The answer's body is larger than ${limit} bytes`);
    this.status = status;
    this.limit = limit;
  }
}
