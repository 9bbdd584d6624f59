// The bakery's own page script: what a real site runs next to the companion, written without knowing about it.

// Site analytics keeps its own visitor id in sessionStorage too (as Segment's `ajs_anonymous_id` does), so the
// companion has to tell the chat visitor's UUID apart from other UUIDs on the page.
const ANALYTICS_KEY = 'ajs_anonymous_id';
try {
  if (!sessionStorage.getItem(ANALYTICS_KEY)) {
    sessionStorage.setItem(ANALYTICS_KEY, JSON.stringify(crypto.randomUUID()));
  }
} catch {
  // Storage can be off; analytics just loses its id.
}

interface PickupReply {
  ok: boolean;
  order?: string;
}

// The pickup form posts with fetch and shows its own confirmation, as AJAX form plugins and SPAs do: it calls
// preventDefault, and the submission still has to become a lead.
const pickup = document.querySelector<HTMLFormElement>('#pickup-form');
pickup?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = pickup.querySelector<HTMLElement>('.form-status');
  const button = pickup.querySelector<HTMLButtonElement>('button[type="submit"]');
  const fields = Object.fromEntries(
    [...new FormData(pickup)].map(([key, value]) => [key, typeof value === 'string' ? value : value.name]),
  );
  if (button) button.disabled = true;
  pickup.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(pickup.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fields),
    });
    const reply = (await response.json()) as PickupReply;
    if (!response.ok || !reply.ok) throw new Error(`order rejected (${response.status})`);
    if (status) {
      status.dataset.state = 'ok';
      const firstName = (fields['your-name'] ?? '').trim().split(/\s+/)[0] || 'friend';
      const item = fields.loaf ?? 'Your order';
      const time = fields['pickup-time'] ?? 'you';
      status.textContent = `Thanks, ${firstName}! ${item} is set aside for ${time}. Order ${reply.order ?? ''}.`;
    }
    pickup.reset();
  } catch {
    if (status) {
      status.dataset.state = 'error';
      status.textContent = 'We could not reach the bakery just now. Please try again in a moment.';
    }
  } finally {
    if (button) button.disabled = false;
    pickup.removeAttribute('aria-busy');
  }
});
