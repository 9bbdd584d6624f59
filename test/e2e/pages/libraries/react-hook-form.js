// A quote form as React apps write it with React Hook Form (bundled for the test from node_modules): validation
// rules on register(), aria-invalid from the errors as the library's documentation recommends, and the values
// posted as JSON with fetch by the submit handler. The form stays on the page; a status line says thanks.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';

const Field = ({ id, label, error, input }) =>
  h('div', null, h('label', { htmlFor: id }, label), input, error && h('span', { role: 'alert' }, error.message));

const Quote = () => {
  const { register, handleSubmit, formState, reset } = useForm();
  const { errors } = formState;
  const [status, setStatus] = useState('');
  const onSubmit = async (values) => {
    const response = await fetch('/__demo/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(values),
    });
    const answer = await response.json();
    setStatus(`Thanks! Your quote number is ${answer.order}.`);
    reset();
  };
  const input = (id, type, rules) =>
    h(type === 'textarea' ? 'textarea' : 'input', {
      id,
      type: type === 'textarea' ? undefined : type,
      'aria-invalid': errors[id] ? 'true' : 'false',
      ...register(id, rules),
    });
  return h(
    'div',
    null,
    h(
      'form',
      { id: 'quote', 'data-flowmatix': 'Quote', noValidate: true, onSubmit: handleSubmit(onSubmit) },
      h(Field, {
        id: 'name',
        label: 'Your name',
        error: errors.name,
        input: input('name', 'text', {
          required: 'Please tell us your name',
          minLength: { value: 2, message: 'Too short' },
        }),
      }),
      h(Field, {
        id: 'email',
        label: 'Email',
        error: errors.email,
        input: input('email', 'email', {
          required: 'Please give an email',
          pattern: { value: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, message: 'Not an email address' },
        }),
      }),
      h(Field, { id: 'phone', label: 'Phone', input: input('phone', 'tel') }),
      h(Field, {
        id: 'message',
        label: 'What can we bake for you?',
        error: errors.message,
        input: input('message', 'textarea', {
          required: 'Please say what you need',
          minLength: { value: 10, message: 'Tell us a little more' },
        }),
      }),
      h('button', { type: 'submit' }, 'Ask for a quote'),
    ),
    h('p', { id: 'status', role: 'status' }, status),
  );
};

createRoot(document.getElementById('root')).render(h(Quote));
