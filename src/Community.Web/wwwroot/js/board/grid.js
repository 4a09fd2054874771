// The open-space grid: time slots x spaces, each cell with the topic placed there; facilitators drop cards on it.
import { callApi } from '../api.js';
import { t, plural } from '../texts.js';
import { activeCards } from '../live.js';
import { page, mine, elements, make, say, complain } from './page.js';
import { acceptCard } from './dots.js';
import { browserZone, clock } from '../meeting-time.js';

/** "10:00–10:45 · Round 1" in the meeting's zone; a viewer elsewhere also gets "(09:00–09:45 your time)". */
export function slotLabel(slot) {
  const text = t('grid.slotTimes', `${clock(slot.startsAt, page.zone)}–${clock(slot.endsAt, page.zone)}`, slot.label);
  return !page.zone || !browserZone || browserZone === page.zone
    ? text
    : `${text} ${t('time.yours', `${clock(slot.startsAt)}–${clock(slot.endsAt)}`)}`;
}

/** "Room A (20 seats)" when the space has a capacity. */
function spaceLabel(space) {
  return space.capacity ? plural('topic.spaceWithCapacity', space.capacity, space.name, space.capacity) : space.name;
}

export function hasGrid(board) {
  return Boolean(board.grid && board.grid.slots.length && board.grid.spaces.length);
}

export function cellLabel(slot, space) {
  return t('grid.cell', slot.label, space.name);
}

export function placementOf(card) {
  const grid = page.board.grid;
  if (card.status !== 'scheduled' || !card.placement || !grid) {
    return null;
  }

  const slot = grid.slots.find(s => s.id === card.placement.slotId);
  const space = grid.spaces.find(s => s.id === card.placement.spaceId);
  return slot && space ? { slot, space } : null;
}

export function renderGrid() {
  const board = page.board;
  const cards = activeCards(board);
  const anyPlaced = cards.some(card => placementOf(card));
  const show = hasGrid(board) && (page.isFacilitator || anyPlaced);
  elements.gridSection.hidden = !show;
  if (!show) {
    return;
  }

  const { slots, spaces } = board.grid;
  const head = make('thead', {}, [make('tr', {}, [
    make('th', { scope: 'col', textContent: t('grid.slot') }),
    ...spaces.map(space => make('th', { scope: 'col', textContent: spaceLabel(space) })),
  ])]);
  const body = make('tbody', {}, slots.map(slot => make('tr', {}, [
    make('th', { scope: 'row', textContent: slotLabel(slot) }),
    ...spaces.map(space => renderCell(slot, space, cards)),
  ])));
  elements.grid.replaceChildren(make('caption', { className: 'visually-hidden', textContent: t('grid.caption') }), head, body);
}

function renderCell(slot, space, cards) {
  const placed = cards.find(card => card.placement?.slotId === slot.id && card.placement?.spaceId === space.id && card.status === 'scheduled');
  const cell = make('td');
  cell.dataset.slotId = slot.id;
  cell.dataset.spaceId = space.id;
  if (placed) {
    const isMine = mine.interested.has(placed.cardId) || mine.present.has(placed.cardId);
    cell.append(make('span', { className: 'placed', textContent: placed.title }));
    if (isMine) {
      cell.classList.add('mine');
      cell.append(make('span', { className: 'mine-mark', textContent: t('grid.yours') }));
    }
  } else {
    cell.append(make('span', { className: 'visually-hidden', textContent: t('grid.free') }));
  }

  if (page.isFacilitator) {
    cell.addEventListener('dragover', event => {
      event.preventDefault();
      cell.classList.add('drop-target');
    });
    cell.addEventListener('dragleave', () => cell.classList.remove('drop-target'));
    cell.addEventListener('drop', event => {
      event.preventDefault();
      cell.classList.remove('drop-target');
      const cardId = event.dataTransfer.getData('text/plain');
      if (cardId) {
        schedule(cardId, slot.id, space.id);
      }
    });
  }

  return cell;
}

export async function schedule(cardId, slotId, spaceId) {
  const result = await callApi('PUT', `${page.boardPath}/cards/${cardId}/schedule`, { slotId, spaceId });
  if (!result.ok) {
    complain(result);
    return;
  }

  acceptCard(result.data);
  say(t('status.placed'));
}

export async function unschedule(cardId) {
  const result = await callApi('DELETE', `${page.boardPath}/cards/${cardId}/schedule`);
  if (!result.ok) {
    complain(result);
    return;
  }

  acceptCard(result.data);
  say(t('status.unplaced'));
}
