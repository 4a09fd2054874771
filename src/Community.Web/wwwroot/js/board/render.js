// Puts the board on the page: the lanes with their cards, the state line and the round countdown.
import { t, plural } from '../texts.js';
import { activeCards, timeLeft } from '../live.js';
import { page, mine, elements, make, laneTitle } from './page.js';
import { setDots, toggle } from './dots.js';
import { placementOf, slotLabel } from './grid.js';
import { createOwnTools, updateOwnTools } from './own-topic.js';
import { linkedBoardLinks } from './links.js';

const cardElements = new Map();

/** The facilitator's per-card tools, loaded only for facilitators (participants never download them). */
let facilitatorTools = null;

export function useFacilitatorTools(tools) {
  facilitatorTools = tools;
}

function createCardElement(card) {
  // The title opens the topic page (notes, photos, where and when).
  const link = make('a', { href: `/m/${page.meetingId}/b/${page.boardId}/c/${card.cardId}` });
  const title = make('h3', { className: 'card-title' }, [link]);
  const discussion = make('span', { className: 'card-discussion' });
  const description = make('p', { className: 'card-description' });
  const dotsCount = make('span', { className: 'dots-count' });
  const interestedCount = make('span');
  const presentCount = make('span');
  const author = make('span');
  const place = make('p', { className: 'card-place' });
  const linked = make('p', { className: 'card-links' });
  const myDots = make('output');
  const less = make('button', { type: 'button', textContent: '−' });
  const more = make('button', { type: 'button', textContent: '+' });
  const interested = make('button', { type: 'button', className: 'secondary' });
  const present = make('button', { type: 'button', className: 'secondary' });
  const stepper = make('div', { className: 'dot-stepper' }, [less, myDots, more]);
  stepper.setAttribute('role', 'group');

  less.addEventListener('click', () => setDots(card.cardId, (mine.dots[card.cardId] ?? 0) - 1, less));
  more.addEventListener('click', () => setDots(card.cardId, (mine.dots[card.cardId] ?? 0) + 1, more));
  interested.addEventListener('click', () => toggle(card.cardId, 'interest', mine.interested, interested));
  present.addEventListener('click', () => toggle(card.cardId, 'presence', mine.present, present));
  const own = createOwnTools(card.cardId);

  const element = make('li', { className: 'card', id: `card-${card.cardId}` }, [
    title,
    description,
    make('p', { className: 'card-meta' }, [dotsCount, interestedCount, presentCount, author, discussion]),
    place,
    linked,
    make('div', { className: 'card-actions' }, [stepper, interested, present]),
    own.ownButtons, own.ownForm, own.ownConfirm,
  ]);
  element.dataset.cardId = card.cardId;
  const parts = { ...own, element, link, discussion, description, dotsCount, interestedCount, presentCount, author, place, linked, myDots, less, more, interested, present, stepper };
  if (facilitatorTools) {
    Object.assign(parts, facilitatorTools.create(card.cardId, element));
  }

  return parts;
}

function updateCardElement(parts, card) {
  const open = page.board.state === 'open';
  const myDots = mine.dots[card.cardId] ?? 0;
  parts.link.textContent = card.title;
  parts.discussion.textContent = discussionText(card);
  parts.discussion.hidden = !parts.discussion.textContent;
  parts.description.textContent = card.description ?? '';
  parts.description.hidden = !card.description;
  parts.dotsCount.textContent = plural('card.dots', card.dots, card.dots);
  // While the board hides counts, a participant's cards come without them: show nothing rather than a false 0.
  parts.dotsCount.hidden = countsHidden();
  parts.interestedCount.textContent = plural('card.interested', card.interested, card.interested);
  parts.presentCount.textContent = plural('card.present', card.present, card.present);
  parts.author.textContent = t('card.author', card.authorName);
  parts.myDots.textContent = t('card.myDots', myDots);
  parts.stepper.setAttribute('aria-label', t('card.dotsFor', card.title));
  parts.less.setAttribute('aria-label', t('card.lessDot', card.title));
  parts.more.setAttribute('aria-label', t('card.moreDot', card.title));
  parts.less.disabled = !open || myDots === 0;
  // Stays enabled with no dots left: the server refuses and the page says why, rather than a silent grey button.
  parts.more.disabled = !open;
  setPressed(parts.interested, mine.interested.has(card.cardId), t('card.interestedButton'), card.title);
  setPressed(parts.present, mine.present.has(card.cardId), t('card.presentButton'), card.title);
  const cell = placementOf(card);
  parts.place.textContent = cell ? t('card.placed', slotLabel(cell.slot), cell.space.name) : '';
  parts.place.hidden = !cell;
  parts.element.classList.toggle('scheduled', Boolean(cell));
  const links = linkedBoardLinks(card);
  parts.linked.replaceChildren(...(links.length ? [t('card.linkedWith'), ' ', ...links.flatMap((a, index) => index ? [', ', a] : [a])] : []));
  parts.linked.hidden = links.length === 0;
  updateOwnTools(parts, card);
  if (facilitatorTools) {
    facilitatorTools.update(parts, card, cell);
  }
}

/** "Notes · 2 photos": what the topic page holds, so people know there is something to read. */
function discussionText(card) {
  return [card.hasNotes ? t('card.hasNotes') : '', card.photoCount ? plural('card.photos', card.photoCount, card.photoCount) : '']
    .filter(Boolean).join(' · ');
}

function countsHidden() {
  return Boolean(page.board.dotsHidden) && !page.isFacilitator;
}

/** The facilitator's order while placing: as proposed, by dots or by interest (ties keep the proposed order). */
function sorted(cards) {
  const by = elements.sort?.value;
  const key = by === 'dots' ? card => card.dots : by === 'interest' ? card => card.interested : null;
  return key ? [...cards].sort((a, b) => key(b) - key(a)) : cards;
}

function setPressed(button, pressed, label, title) {
  button.setAttribute('aria-pressed', String(pressed));
  button.textContent = label;
  button.setAttribute('aria-label', `${label}: ${title}`);
}

export function renderLanes() {
  const board = page.board;
  const cards = activeCards(board);
  const lanes = board.lanes.length ? board.lanes : [{ id: '', title: t('Board.Topics') }];
  const glocal = board.kind === 'glocal';
  elements.lanes.classList.toggle('glocal', glocal);
  const sections = lanes.map(lane => {
    const laneCards = sorted(cards.filter(card => lanes.length === 1 || card.lane === lane.id));
    const list = make('ul', { className: 'cards' });
    for (const card of laneCards) {
      let parts = cardElements.get(card.cardId);
      if (!parts) {
        parts = createCardElement(card);
        cardElements.set(card.cardId, parts);
      }

      updateCardElement(parts, card);
      list.append(parts.element);
    }

    if (laneCards.length === 0) {
      list.append(make('li', { className: 'muted', textContent: t('board.noTopics') }));
    }

    const heading = make('h3', { textContent: laneTitle(lane), className: glocal ? '' : 'visually-hidden' });
    return make('section', { className: 'lane' }, [heading, list]);
  });

  // Moving the focused element out and back in loses focus: remember it and restore it.
  const focused = document.activeElement;
  elements.lanes.replaceChildren(...sections);
  if (focused && focused !== document.activeElement && document.contains(focused)) {
    focused.focus();
  }

  for (const cardId of [...cardElements.keys()]) {
    if (!board.cards.has(cardId) || !cards.some(card => card.cardId === cardId)) {
      cardElements.delete(cardId);
    }
  }
}

export function renderState() {
  const board = page.board;
  elements.state.textContent = t(`state.${board.state}`);
  elements.proposeForm?.querySelectorAll('input, textarea, select, button').forEach(control => {
    control.disabled = board.state === 'locked';
  });
  elements.controls?.querySelectorAll('[data-state]').forEach(button => {
    button.setAttribute('aria-pressed', String(button.dataset.state === board.state));
  });
  elements.dotsHidden?.setAttribute('aria-pressed', String(Boolean(board.hideDotsWhileVoting)));
  elements.dotsNote.textContent = board.dotsHidden ? t(page.isFacilitator ? 'board.dotsHiddenFacilitator' : 'board.dotsHidden') : '';
  elements.dotsNote.hidden = !board.dotsHidden;
  if (elements.laneSelect && elements.laneSelect.options.length === 0) {
    elements.laneSelect.replaceChildren(...board.lanes.map(lane => make('option', { value: lane.id, textContent: laneTitle(lane) })));
    elements.laneSelect.closest('.field').hidden = board.lanes.length < 2;
  }
}

export function renderRound() {
  const round = page.board?.round;
  const left = timeLeft(round);
  elements.round.hidden = left === null;
  elements.round.textContent = left === null ? '' : t('round.left', round.label, left);
}
