// The thank-you page the bakery's native forms land on after their own server handled the post.
const MESSAGES: Record<string, [title: string, message: string]> = {
  contact: ['Thanks for your message!', 'We read every message and answer within a day.'],
  tasting: ['Your tasting request is in.', 'Our pastry chef will write to you to pick a date.'],
  signup: ['Welcome to the Bread Club!', 'Your membership card is on its way to your inbox.'],
  newsletter: ["You're on the Friday loaf list.", "See you on Friday, with next week's bakes."],
};

const form = new URLSearchParams(location.search).get('form') ?? '';
const [title, message] = MESSAGES[form] ?? ['Thank you!', 'We received your details.'];
const titleElement = document.querySelector('[data-thanks="title"]');
const messageElement = document.querySelector('[data-thanks="message"]');
if (titleElement) titleElement.textContent = title;
if (messageElement) messageElement.textContent = message;
