// Contact Form 7's front end, reproduced from its public documentation ("DOM events") and source for the test: the
// plugin prevents the native submit, posts the form to its REST endpoint, marks what the server rejects with
// aria-invalid="true", sets the form's data-status, and dispatches `wpcf7` + the status (wpcf7invalid, wpcf7spam,
// wpcf7mailsent, wpcf7mailfailed…) and then wpcf7submit on the form, bubbling, with the answer in `detail`. The
// server's verdict is played here: an empty required field is invalid, a message that mentions viagra is spam.
(function () {
  document.querySelectorAll('form.wpcf7-form').forEach(function (form) {
    var dispatch = function (name, detail) {
      form.dispatchEvent(new CustomEvent('wpcf7' + name, { bubbles: true, detail: detail }));
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      form.querySelectorAll('.wpcf7-not-valid-tip').forEach(function (tip) {
        tip.remove();
      });
      form.querySelectorAll('.wpcf7-form-control').forEach(function (control) {
        control.setAttribute('aria-invalid', 'false');
        control.classList.remove('wpcf7-not-valid');
      });
      var data = new FormData(form);
      var detail = { contactFormId: 123, unitTag: 'wpcf7-f123-p45-o1', inputs: [] };
      data.forEach(function (value, name) {
        if (name[0] !== '_') detail.inputs.push({ name: name, value: value });
      });
      dispatch('beforesubmit', detail);
      form.setAttribute('data-status', 'submitting');
      fetch('/__demo/orders', { method: 'POST', body: data })
        .then(function (response) {
          return response.json();
        })
        .then(function () {
          var invalid = Array.prototype.filter.call(
            form.querySelectorAll('.wpcf7-validates-as-required'),
            function (control) {
              return !control.value.trim();
            },
          );
          var status = invalid.length
            ? 'validation_failed'
            : /viagra/i.test(String(data.get('your-message')))
              ? 'spam'
              : 'mail_sent';
          var name = { validation_failed: 'invalid', spam: 'spam', mail_sent: 'sent' }[status];
          invalid.forEach(function (control) {
            control.classList.add('wpcf7-not-valid');
            control.setAttribute('aria-invalid', 'true');
            control.insertAdjacentHTML(
              'afterend',
              '<span class="wpcf7-not-valid-tip" aria-hidden="true">Please fill out this field.</span>',
            );
          });
          form.setAttribute('data-status', name);
          detail.status = status;
          detail.apiResponse = {
            status: status,
            message: name === 'sent' ? 'Thank you for your message. It has been sent.' : 'There was an error.',
          };
          dispatch(name === 'sent' ? 'mailsent' : name, detail);
          dispatch('submit', detail);
          if (name === 'sent') form.reset();
          form.querySelector('.wpcf7-response-output').textContent = detail.apiResponse.message;
        });
    });
  });
})();
