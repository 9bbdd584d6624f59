// A quote form as sites write it with Pristine: the page's submit handler asks Pristine to validate (it marks the
// field's .form-group with .has-danger and writes the message), and posts a valid form to the backend with fetch.
(function () {
  var form = document.getElementById('quote');
  var pristine = new Pristine(form);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!pristine.validate()) return;
    fetch('/__demo/orders', { method: 'POST', body: new FormData(form) })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        document.getElementById('status').textContent = 'Thanks! Your quote number is ' + answer.order + '.';
        form.reset();
      });
  });
})();
