// Ninja Forms' front end, reproduced from its public source for the test: the form has no submit button; a click on
// its Submit button validates the fields (required ones left empty get nf-error and aria-invalid, and nothing is
// sent), then posts the form with jQuery.ajax (action nf_ajax_submit) and triggers nfFormSubmitResponse on
// jQuery(document) with { response, id } for every answer: `response.errors` is empty on success and names the
// fields or the form otherwise. The server's verdict is played here: a message that mentions viagra is refused.
jQuery(function ($) {
  var $form = $('#nf-form-2-cont form');
  $form.on('click', '#nf-field-10', function () {
    var empty = $form.find('[required]').filter(function () {
      return !this.value.trim();
    });
    $form.find('.nf-error-wrap').empty();
    $form.find('.nf-element').attr('aria-invalid', 'false');
    if (empty.length) {
      empty.attr('aria-invalid', 'true').each(function () {
        $('#nf-error-' + this.id.split('-')[2]).text('This is a required field.');
      });
      return;
    }
    var fields = {};
    $form.find('.ninja-forms-field').each(function () {
      fields[this.id.split('-')[2]] = { id: this.id.split('-')[2], value: this.value };
    });
    $.ajax({
      url: '/__demo/orders',
      type: 'POST',
      data: { action: 'nf_ajax_submit', formData: JSON.stringify({ id: 2, fields: fields }) },
      cache: false,
      success: function () {
        var refused = /viagra/i.test($('#nf-field-9').val());
        var response = refused
          ? { data: {}, errors: { form: { spam: 'Your submission looks like spam.' } } }
          : { data: { actions: { success_message: 'Thanks, we will be in touch.' } }, errors: [] };
        if (refused) $('#nf-form-errors-2').text(response.errors.form.spam);
        else $('.nf-response-msg').text(response.data.actions.success_message);
        $(document).trigger('nfFormSubmitResponse', { response: response, id: '2' });
      },
    });
  });
});
