// My dots, interest and presence: the budget line and the calls that change them.
import { callApi } from '../api.js';
import { t, plural } from '../texts.js';
import { normaliseCard } from '../live.js';
import { page, mine, elements, say, refresh } from './page.js';
import { callForCard } from './feedback.js';

export function takeMine(snapshot) {
  const my = snapshot.myDots;
  if (!my) {
    return;
  }

  mine.dots = { ...my.dots };
  mine.remaining = my.remaining;
  mine.interested = new Set(my.interested);
  mine.present = new Set(my.present);
}

export function renderBudget() {
  const budget = page.board.dotsPerParticipant;
  elements.remaining.textContent = t('budget.remaining', mine.remaining, budget);
  elements.pips.textContent = '●'.repeat(budget - mine.remaining) + '○'.repeat(Math.max(0, mine.remaining));
}

/** Sets my dots on a card; `button` is the control tapped, busy until the server answers. */
export async function setDots(cardId, dots, button) {
  if (dots < 0) {
    return;
  }

  const result = await callForCard(cardId, button, () => callApi('PUT', `${page.boardPath}/cards/${cardId}/dots`, { dots }));
  if (!result) {
    return;
  }

  mine.dots[cardId] = result.data.dots;
  mine.remaining = result.data.remaining;
  say(plural('status.dotsSet', result.data.remaining, result.data.remaining));
  refresh();
}

export async function toggle(cardId, what, set, button) {
  const on = !set.has(cardId);
  const result = await callForCard(cardId, button, () => callApi(on ? 'PUT' : 'DELETE', `${page.boardPath}/cards/${cardId}/${what}`));
  if (!result) {
    return;
  }

  if (on) {
    if (what === 'presence') {
      // "I'm here now" holds for one discussion at a time: the server ended any other.
      set.clear();
    }

    set.add(cardId);
  } else {
    set.delete(cardId);
  }

  acceptCard(result.data);
  say(t(`status.${what}.${on ? 'on' : 'off'}`));
}

/** A card returned by a call: shown at once, and the next `changes` message confirms it. */
export function acceptCard(card) {
  if (card?.cardId && page.board.cards.has(card.cardId)) {
    page.board.cards.set(card.cardId, normaliseCard(card));
  }

  refresh();
}
