// The snippet Formspree's docs give for @formspree/ajax's script tag: commands queued until the script has loaded.
window.formspree =
  window.formspree ||
  function () {
    (formspree.q = formspree.q || []).push(arguments);
  };
formspree('initForm', { formElement: '#contact-form', formId: 'mbakeryx' });
