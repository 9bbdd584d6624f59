// Adds the companion's tag as a site would write it, opted in the way the page's query says: `?forms=auto`,
// `?forms=<selector>` (data-forms), `?configure=<JSON>` (data-configure), nothing for markup that is opted in by
// itself. The bot pair is the one the test relay serves; leads go to the relay at once (no chat UUID), which holds
// them. A script, not inline code: the test server sends a CSP without 'unsafe-inline', as strict sites do.
(function () {
  var query = new URLSearchParams(location.search);
  var tag = document.createElement('script');
  tag.src = '/flowmatix-leads.js';
  tag.setAttribute('data-bot-id', '6650f0c2a1b2c3d4e5f60718');
  tag.setAttribute('data-customer-id', '6650f0c2a1b2c3d4e5f60001');
  tag.setAttribute('data-uuid-wait', '0');
  if (query.has('forms')) tag.setAttribute('data-forms', query.get('forms'));
  if (query.has('configure')) tag.setAttribute('data-configure', query.get('configure'));
  if (query.has('debug')) tag.setAttribute('data-debug', '');
  document.head.appendChild(tag);
  // What the companion tells the page, for the test to read.
  window.__flowmatix = [];
  ['flowmatix:capture', 'flowmatix:queued', 'flowmatix:sent', 'flowmatix:failed'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      window.__flowmatix.push({ type: type, code: event.detail && event.detail.code });
    });
  });
})();
