// HubSpot's embedded-forms script, reproduced from its public documentation for the test: it validates the form
// (a required field left empty gets the classes `invalid error` and an .hs-error-msgs list, and nothing is sent),
// submits it, replaces the form with its thank-you message, and posts the documented global callbacks to the page
// (from its frame to the parent, when in a frame) with postMessage: { type: 'hsFormCallback', eventName, id, data },
// eventName onFormReady, onFormSubmit, onFormSubmitted, whose data carries `submissionValues`.
(function () {
  var form = document.querySelector('form.hs-form');
  var id = form.getAttribute('data-form-id');
  var callback = function (eventName, data) {
    window.parent.postMessage({ type: 'hsFormCallback', eventName: eventName, id: id, data: data }, '*');
  };
  callback('onFormReady', {});
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    form.querySelectorAll('.hs-error-msgs').forEach(function (list) {
      list.remove();
    });
    var empty = Array.prototype.filter.call(form.querySelectorAll('[required]'), function (input) {
      input.classList.remove('invalid', 'error');
      return !input.value.trim();
    });
    if (empty.length) {
      empty.forEach(function (input) {
        input.classList.add('invalid', 'error');
        input.insertAdjacentHTML(
          'afterend',
          '<ul class="no-list hs-error-msgs inputs-list" role="alert"><li><label class="hs-error-msg">Please complete this required field.</label></li></ul>',
        );
      });
      return;
    }
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== 'hs_context') values[name] = value;
    });
    callback(
      'onFormSubmit',
      Object.keys(values).map(function (name) {
        return { name: name, value: values[name] };
      }),
    );
    fetch('/__demo/orders', { method: 'POST', body: new FormData(form) })
      .then(function (response) {
        return response.json();
      })
      .then(function () {
        form.parentElement.innerHTML =
          '<div class="submitted-message hs-main-font-element">Thanks for submitting the form.</div>';
        callback('onFormSubmitted', { redirectUrl: '', submissionValues: values });
      });
  });
})();
