// Webflow's forms script, reproduced from its public behaviour for the test: it prevents the native submit, posts
// the fields with jQuery.ajax to Webflow's form endpoint, then hides the form and shows its .w-form-done box, or
// shows its .w-form-fail box when the request fails. It dispatches no event. The request fails here when the message
// mentions viagra (the endpoint answers 404).
jQuery(function ($) {
  $('.w-form form').on('submit', function (event) {
    event.preventDefault();
    var $form = $(this);
    var $wrap = $form.closest('.w-form');
    $wrap.find('.w-form-fail').hide();
    var spam = /viagra/i.test(String($form.find('[name=Message]').val()));
    $.ajax({
      url: spam ? '/__demo/no-such-endpoint' : '/__demo/orders',
      type: 'POST',
      data: $form.serialize(),
      dataType: 'json',
    })
      .done(function () {
        $form.hide();
        $wrap.find('.w-form-done').show();
      })
      .fail(function () {
        $wrap.find('.w-form-fail').show();
      });
  });
});
