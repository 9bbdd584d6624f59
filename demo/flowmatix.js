// A local stand-in for the Flowmatix chat widget, so the demo runs with nothing leaving the machine.
// It behaves the way the companion has to cope with: the bot and customer ids are the text of its own tag, and the
// visitor UUID exists only once the visitor opens the chat bubble, as the vendor's page says of the real widget
// ("as soon as any user opens up the Bot"): most visitors who fill a form never get one. The UUID is kept in
// sessionStorage under a key of the widget's own choosing, inside a JSON object; the companion is never told that
// key and has to discover it. Like the real widget, it tells its own server about the new visitor first (here the
// demo server, which registers it with the sandbox), and stores the UUID once that call is over.
(function () {
  var SESSION_KEY = 'bp-web-session';
  var VISITORS_PATH = '/__demo/widget/visitors';
  var tag = document.getElementById('flowmatix-messenger-widget') || document.currentScript;
  var ids = ((tag && tag.textContent) || '').split(',').map(function (part) {
    return part.trim();
  });

  function readSession() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch (error) {
      return null;
    }
  }

  function writeSession(session) {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (error) {
      // Storage can be off (private mode, sandboxed frames): the widget still chats, it just forgets on reload.
    }
  }

  function uuidV4() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // randomUUID exists only in secure contexts; the demo may be opened over plain http on a LAN address.
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (byte) {
        return (byte + 0x100).toString(16).slice(1);
      })
      .join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  }

  var creating = false;

  function createVisitor() {
    var existing = readSession();
    if (creating || (existing && existing.user && existing.user.uuid)) return;
    creating = true;
    var uuid = uuidV4();
    var done = function () {
      creating = false;
      var session = readSession() || { v: 2, widget: { open: true } };
      session.user = { uuid: uuid, since: new Date().toISOString() };
      writeSession(session);
      document.dispatchEvent(new CustomEvent('demo-widget:visitor', { detail: { uuid: uuid } }));
    };
    // The chat works even when the call fails (offline): the visitor still gets a UUID, as with a flaky network.
    fetch(new URL(VISITORS_PATH, (tag && tag.src) || location.href).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ botId: ids[0] || '', customerId: ids[1] || '', uuid: uuid }),
    }).then(done, done);
  }

  function mount() {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('flowmatix.css', (tag && tag.src) || location.href).href;
    document.head.appendChild(css);

    var root = document.createElement('div');
    root.className = 'fmx-widget';
    root.setAttribute('data-bot-id', ids[0] || '');

    var panel = document.createElement('section');
    panel.className = 'fmx-panel';
    panel.id = 'fmx-panel';
    panel.hidden = true;
    panel.setAttribute('aria-label', 'Chat with Hearth & Crumb');
    var header = document.createElement('header');
    header.className = 'fmx-header';
    var title = document.createElement('strong');
    title.textContent = 'Hearth & Crumb';
    var status = document.createElement('span');
    status.textContent = 'Usually replies in a few minutes';
    header.append(title, status);
    var greeting = document.createElement('p');
    greeting.className = 'fmx-bubble-text';
    greeting.textContent = 'Hi there! Looking for something from today\u2019s bake? Ask away.';
    var note = document.createElement('p');
    note.className = 'fmx-note';
    note.textContent = 'A local stand-in for the Flowmatix widget (bot ' + (ids[0] || '?') + ').';
    panel.append(header, greeting, note);

    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fmx-launcher';
    button.setAttribute('aria-controls', panel.id);
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-label', 'Open chat');
    button.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" fill="currentColor"/></svg>';
    button.addEventListener('click', function () {
      var session = readSession() || { v: 2 };
      panel.hidden = !panel.hidden;
      session.widget = { open: !panel.hidden };
      writeSession(session);
      if (!panel.hidden) createVisitor();
      button.setAttribute('aria-expanded', String(!panel.hidden));
      button.setAttribute('aria-label', panel.hidden ? 'Open chat' : 'Close chat');
    });

    root.append(panel, button);
    document.body.appendChild(root);
  }

  // A returning visitor keeps the UUID the widget made earlier in this tab: nothing to do at load.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
