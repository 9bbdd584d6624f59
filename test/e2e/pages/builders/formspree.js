// The snippet Formspree's docs give for @formspree/ajax's script tag (commands queued until the script has loaded),
// with a rest parameter for `arguments`.
window.formspree =
  window.formspree ||
  function (...command) {
    (formspree.q = formspree.q || []).push(command);
  };
formspree('initForm', { formElement: '#contact-form', formId: 'mbakeryx' });
