// A newsletter form as many sites write it by hand: the page posts with fetch, looks only at the answer's status,
// never reads its body, thanks the visitor and clears the form, which stays on the page. The demo's backend answers
// with Cache-Control: no-store, as many APIs do: Chromium then adds no Resource Timing entry until the body is read.
(function () {
  var form = document.getElementById('quote');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/__demo/orders', { method: 'POST', body: new FormData(form) }).then(function (response) {
      if (!response.ok) return;
      document.getElementById('status').textContent = 'Thanks for subscribing!';
      form.reset();
    });
  });
})();
