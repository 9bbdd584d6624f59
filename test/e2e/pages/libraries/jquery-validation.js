// A quote form as sites write it with jquery-validation: the plugin checks the fields on submit (it marks rejected
// ones with the class `error` and aria-invalid="true" and stops the submit); a valid form goes to the site's
// backend with jQuery.ajax from the submitHandler, and the page says thanks.
jQuery(function ($) {
  $('#quote').validate({
    submitHandler: function (form) {
      $.post('/__demo/orders', $(form).serialize()).done(function (answer) {
        $('#status').text('Thanks! Your quote number is ' + answer.order + '.');
        form.reset();
      });
    },
  });
});
