// Feedback at the control that was tapped: the button shows it is working while its call is in flight, and a
// refusal appears beside the card it concerns rather than at the top of the page (off screen on a phone).
import { explain } from '../api.js';
import { make } from './page.js';

/** Runs the call with the button marked busy; a second tap meanwhile is ignored. Returns the call's result. */
export async function whileBusy(button, call) {
  if (button.getAttribute('aria-busy') === 'true') {
    return null;
  }

  button.setAttribute('aria-busy', 'true');
  try {
    return await call();
  } finally {
    button.removeAttribute('aria-busy');
  }
}

/** The card's own line for refusals (an alert, so a screen reader says it too), made on first use. */
function problemLine(cardId) {
  const card = document.getElementById(`card-${cardId}`);
  if (!card) {
    return null;
  }

  let line = card.querySelector(':scope > .card-problem');
  if (!line) {
    line = make('p', { className: 'card-problem' });
    line.setAttribute('role', 'alert');
    card.append(line);
  }

  return line;
}

/** Shows why the server refused, beside the card. */
export function refuseAt(cardId, result) {
  const line = problemLine(cardId);
  if (line) {
    line.textContent = explain(result);
  }
}

/** Clears an earlier refusal beside the card once a call on it went through. */
export function clearAt(cardId) {
  const line = document.getElementById(`card-${cardId}`)?.querySelector(':scope > .card-problem');
  if (line) {
    line.textContent = '';
  }
}
