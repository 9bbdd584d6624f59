// WPForms' front end, reproduced from its public source for the test: jquery-validation checks the form (errorClass
// wpforms-error) and its submitHandler posts the form with jQuery.ajax (AJAX forms), then triggers jQuery events on
// the form: wpformsAjaxBeforeSubmit, wpformsAjaxSubmitSuccess or wpformsAjaxSubmitFailed (the server refused it),
// wpformsAjaxSubmitError (the request failed), wpformsAjaxSubmitCompleted; on success the confirmation replaces the
// form. The server's verdict is played here: a message that mentions viagra is spam.
jQuery(function ($) {
  $('.wpforms-validate').each(function () {
    var $form = $(this);
    $form.validate({
      errorClass: 'wpforms-error',
      validClass: 'wpforms-valid',
      errorElement: 'em',
      submitHandler: function (form) {
        var $container = $form.closest('.wpforms-container');
        var data = new FormData(form);
        data.append('action', 'wpforms_submit');
        var before = $.Event('wpformsAjaxBeforeSubmit');
        $form.trigger(before, [$form]);
        if (before.isDefaultPrevented()) return false;
        $.ajax({
          type: 'post',
          dataType: 'json',
          url: '/__demo/orders',
          data: data,
          cache: false,
          contentType: false,
          processData: false,
          success: function () {
            var json = /viagra/i.test(String(data.get('wpforms[fields][2]')))
              ? { success: false, data: { errors: { general: { header: 'Your submission was flagged as spam.' } } } }
              : {
                  success: true,
                  data: {
                    confirmation:
                      '<div class="wpforms-confirmation-container-full"><p>Thanks for contacting us!</p></div>',
                  },
                };
            if (!json.success) {
              $form.prepend('<div class="wpforms-error-container">' + json.data.errors.general.header + '</div>');
              $form.trigger('wpformsAjaxSubmitFailed', json);
              return;
            }
            $form.trigger('wpformsAjaxSubmitSuccess', json);
            $container.html(json.data.confirmation);
          },
          error: function (jqXHR, textStatus, error) {
            $form.trigger('wpformsAjaxSubmitError', [jqXHR, textStatus, error]);
          },
          complete: function (jqXHR, textStatus) {
            $form.trigger('wpformsAjaxSubmitCompleted', [jqXHR, textStatus]);
          },
        });
        return false;
      },
    });
  });
});
