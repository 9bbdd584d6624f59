// Gravity Forms' AJAX protocol, reproduced from its public documentation and the script it prints for the test: the
// form posts natively into the hidden frame gform_ajax_frame_1 (nothing prevents the submit); when the frame loads,
// either the form comes back with errors (the wrapper's markup is replaced, aria-invalid="true" on the rejected
// fields) and jQuery(document) gets gform_page_loaded [formId, page], or the confirmation replaces the wrapper 50 ms
// later and jQuery(document) gets gform_confirmation_loaded [formId]; gform_post_render follows either way. The
// server's verdict is played here: an empty required field sends the form back with errors.
jQuery(function ($) {
  var submitted;
  $(document).on('submit', '#gform_1', function () {
    submitted = this;
  });
  $('#gform_ajax_frame_1').on('load', function () {
    if (!submitted) return;
    var form = submitted;
    submitted = undefined;
    var empty = $(form)
      .find('[aria-required=true]')
      .filter(function () {
        return !this.value.trim();
      });
    var page = $('#gform_source_page_number_1').val();
    if (empty.length) {
      $(form)
        .find('input, textarea')
        .each(function () {
          this.setAttribute('value', this.value);
        });
      empty.attr('aria-invalid', 'true').closest('.gfield').addClass('gfield_error');
      $('#gform_wrapper_1').html(
        '<div class="gform_validation_errors" role="alert"><h2>There was a problem with your submission.</h2></div>' +
          form.outerHTML,
      );
      $('#gform_wrapper_1').addClass('gform_validation_error');
      $(document).trigger('gform_page_loaded', [1, page]);
    } else {
      setTimeout(function () {
        $('#gform_wrapper_1').replaceWith(
          "<div id='gform_confirmation_wrapper_1' class='gform_confirmation_wrapper'><div id='gform_confirmation_message_1' class='gform_confirmation_message_1 gform_confirmation_message'>Thanks for contacting us!</div></div>",
        );
        $(document).trigger('gform_confirmation_loaded', [1]);
      }, 50);
    }
    $(document).trigger('gform_post_render', [1, page]);
  });
});
