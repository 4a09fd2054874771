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
function refuseAt(cardId, result) {
  const line = problemLine(cardId);
  if (line) {
    line.textContent = explain(result);
  }
}

/** Clears an earlier refusal beside the card once a call on it went through. */
function clearAt(cardId) {
  const line = document.getElementById(`card-${cardId}`)?.querySelector(':scope > .card-problem');
  if (line) {
    line.textContent = '';
  }
}

/**
 * A call about one card, from the button tapped: busy while in flight, a refusal shown beside the card, an earlier
 * refusal cleared once a call goes through. Returns the answer when it went through, else null (refused, or the
 * button was already busy).
 */
export async function callForCard(cardId, button, call) {
  const result = await whileBusy(button, call);
  if (!result) {
    return null;
  }

  if (!result.ok) {
    refuseAt(cardId, result);
    return null;
  }

  clearAt(cardId);
  return result;
}
