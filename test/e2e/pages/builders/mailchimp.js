// Mailchimp's embedded signup form as its mc-validate.js drives it, reproduced from the public script for the test:
// jquery-validation checks the form (errorClass mce_inline_error); a valid form is sent as JSONP, a GET of its
// fields to the action's /post-json with `c=?`, and stays on the page. Mailchimp's answer shows in
// #mce-success-response, and the form is reset, or in #mce-error-response ("0 - " and the message), the form kept.
jQuery(function ($) {
  var $form = $('#mc-embedded-subscribe-form');
  $form.validate({
    errorClass: 'mce_inline_error',
    errorElement: 'div',
    onkeyup: false,
    onfocusout: false,
    submitHandler: function (form) {
      $.ajax({
        url: form.action.replace('/post?', '/post-json?') + '&c=?',
        type: 'GET',
        dataType: 'json',
        data: $form.serialize(),
        success: function (resp) {
          $('#mce-success-response, #mce-error-response').hide();
          if (resp.result == 'success') {
            $('#mce-success-response').show().html(resp.msg);
            $form.each(function () {
              this.reset();
            });
          } else {
            const parts = resp.msg.split(' - ', 2);
            $('#mce-error-response')
              .show()
              .html(parts[1] === undefined ? resp.msg : parts[1]);
          }
        },
      });
    },
  });
});
