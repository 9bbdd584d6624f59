// A newsletter form as many sites write it by hand: the page posts with fetch, looks only at the answer's status,
// never reads its body, thanks the visitor and clears the form, which stays on the page.
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
