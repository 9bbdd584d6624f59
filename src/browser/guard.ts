/** Prints a warning the way every companion message starts, so site owners can filter for it. */
export const warn = (...args: unknown[]): void => console.warn('[flowmatix-leads]', ...args);

/**
 * Runs `fn` and turns anything it throws into a warning: the companion watches someone else's page, and a bug in
 * it (or a page that breaks an assumption) must never break that page.
 *
 * @example
 * addEventListener('submit', (event) => guard(() => observe(event)), true);
 */
export const guard = (fn: () => void): void => {
  try {
    fn();
  } catch (error) {
    warn(error);
  }
};
