// Elementor Pro's form handler, reproduced from its public source for the test: it prevents the native submit,
// posts the form with jQuery.ajax (action elementor_pro_forms_send_form), and triggers jQuery events on the form:
// submit_success with the answer, or error after marking the rejected fields (elementor-error,
// aria-invalid="true"). The server's verdict is played here: a message that mentions viagra is refused.
jQuery(function ($) {
  $('form.elementor-form').on('submit', function (event) {
    event.preventDefault();
    var $form = $(this);
    var data = new FormData(this);
    data.append('action', 'elementor_pro_forms_send_form');
    $form.find('.elementor-message').remove();
    $form.find('.elementor-error').removeClass('elementor-error').find(':input').attr('aria-invalid', 'false');
    $.ajax({
      url: '/__demo/orders',
      type: 'POST',
      dataType: 'json',
      data: data,
      processData: false,
      contentType: false,
      success: function () {
        var refused = /viagra/i.test(String(data.get('form_fields[message]')));
        if (refused) {
          $form
            .find('#form-field-message')
            .parent()
            .addClass('elementor-error')
            .append(
              '<span class="elementor-message elementor-message-danger" role="alert">This looks like spam.</span>',
            )
            .find(':input')
            .attr('aria-invalid', 'true');
          $form.trigger('error');
          $form.append(
            '<div class="elementor-message elementor-message-danger" role="alert">Your submission failed.</div>',
          );
          return;
        }
        $form.trigger('submit_success', { message: 'Your submission was successful.' });
        $form.trigger('reset');
        $form.append(
          '<div class="elementor-message elementor-message-success" role="alert">Your submission was successful.</div>',
        );
      },
      error: function () {
        $form.trigger('error');
      },
    });
  });
});
