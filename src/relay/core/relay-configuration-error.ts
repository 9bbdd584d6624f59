/**
 * Thrown when the relay is created with options it cannot run with (no token, a malformed allowlist, an origin
 * with a path...). Its message names the option and says what is expected; it never contains the token.
 * It is thrown at start, never while serving a request.
 *
 * @example
 * try {
 *   createRelay(relayOptionsFromEnv(process.env));
 * } catch (error) {
 *   if (error instanceof RelayConfigurationError) console.error(error.message);
 * }
 */
export class RelayConfigurationError extends Error {
  override readonly name = 'RelayConfigurationError';
}
