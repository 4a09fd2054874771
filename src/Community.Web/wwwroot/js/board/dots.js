// My dots, interest and presence: the budget line and the calls that change them.
import { callApi } from '../api.js';
import { t } from '../texts.js';
import { normaliseCard } from '../live.js';
import { page, mine, elements, say, complain, refresh } from './page.js';

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

export async function setDots(cardId, dots) {
  if (dots < 0) {
    return;
  }

  const result = await callApi('PUT', `${page.boardPath}/cards/${cardId}/dots`, { dots });
  if (!result.ok) {
    complain(result);
    return;
  }

  mine.dots[cardId] = result.data.dots;
  mine.remaining = result.data.remaining;
  say(t('status.dotsSet', result.data.remaining));
  refresh();
}

export async function toggle(cardId, what, set) {
  const on = !set.has(cardId);
  const result = await callApi(on ? 'PUT' : 'DELETE', `${page.boardPath}/cards/${cardId}/${what}`);
  if (!result.ok) {
    complain(result);
    return;
  }

  if (on) {
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
