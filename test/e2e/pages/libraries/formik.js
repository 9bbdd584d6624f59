// A quote form as React apps write it with Formik (bundled for the test from node_modules): a validate function,
// error messages under the fields and no aria-invalid (Formik sets none), the values posted as JSON with fetch by
// onSubmit. The form stays on the page; a status line says thanks.
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { useFormik } from 'formik';

const validate = (values) => {
  const errors = {};
  if (values.name.trim().length < 2) errors.name = 'Please tell us your name';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) errors.email = 'Please give an email address';
  if (values.message.trim().length < 10) errors.message = 'Tell us a little more';
  return errors;
};

const Quote = () => {
  const formik = useFormik({
    initialValues: { name: '', email: '', phone: '', message: '' },
    validate,
    onSubmit: async (values, { setStatus, resetForm }) => {
      const response = await fetch('/__demo/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(values),
      });
      const answer = await response.json();
      resetForm();
      setStatus(`Thanks! Your quote number is ${answer.order}.`);
    },
  });
  const field = (id, label, type) =>
    h(
      'div',
      null,
      h('label', { htmlFor: id }, label),
      h(type === 'textarea' ? 'textarea' : 'input', {
        id,
        name: id,
        type: type === 'textarea' ? undefined : type,
        value: formik.values[id],
        onChange: formik.handleChange,
        onBlur: formik.handleBlur,
      }),
      formik.submitCount > 0 && formik.errors[id] && h('div', { className: 'field-error' }, formik.errors[id]),
    );
  return h(
    'div',
    null,
    h(
      'form',
      { id: 'quote', 'data-flowmatix': 'Quote', noValidate: true, onSubmit: formik.handleSubmit },
      field('name', 'Your name', 'text'),
      field('email', 'Email', 'email'),
      field('phone', 'Phone', 'tel'),
      field('message', 'What can we bake for you?', 'textarea'),
      h('button', { type: 'submit' }, 'Ask for a quote'),
    ),
    h('p', { id: 'status', role: 'status' }, formik.status),
  );
};

createRoot(document.getElementById('root')).render(h(Quote));
