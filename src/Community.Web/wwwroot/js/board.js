// The board page: participants propose, vote, mark interest and presence; facilitators also run the board.
// Everything a person typed is put into the page with textContent, never as markup.
import { callApi, explain } from './api.js';
import { t, has } from './texts.js';
import { BoardFeed, activeCards, normaliseCard, timeLeft } from './live.js';

const root = document.getElementById('board');
const { meetingId, boardId, role } = root.dataset;
const isFacilitator = role === 'facilitator' || role === 'organiser';
const boardPath = `/api/meetings/${meetingId}/boards/${boardId}`;

const elements = {
  connection: document.getElementById('connection'),
  status: document.getElementById('status'),
  problem: document.getElementById('problem'),
  state: document.getElementById('board-state'),
  round: document.getElementById('round'),
  remaining: document.getElementById('remaining'),
  pips: document.getElementById('dot-pips'),
  lanes: document.getElementById('lanes'),
  gridSection: document.getElementById('grid-section'),
  grid: document.getElementById('grid'),
  proposeForm: document.getElementById('propose-form'),
  laneSelect: document.getElementById('propose-lane'),
  controls: document.getElementById('controls'),
  watchers: document.getElementById('watchers'),
};

/** What this person did on the board: kept from the snapshot and from the answers to their own calls. */
const mine = { dots: {}, remaining: 0, interested: new Set(), present: new Set() };
const cardElements = new Map();
let board = null;

function say(text) {
  elements.problem.textContent = '';
  elements.status.textContent = text;
}

function complain(result) {
  elements.status.textContent = '';
  elements.problem.textContent = explain(result);
}

function make(tag, properties = {}, children = []) {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children);
  return element;
}

function laneTitle(lane) {
  return has(`lane.${lane.id}`) ? t(`lane.${lane.id}`) : lane.title;
}

function cellLabel(slot, space) {
  return t('grid.cell', slot.label, space.name);
}

// ---------- my dots and the budget ----------

function takeMine(snapshot) {
  const my = snapshot.myDots;
  if (!my) {
    return;
  }

  mine.dots = { ...my.dots };
  mine.remaining = my.remaining;
  mine.interested = new Set(my.interested);
  mine.present = new Set(my.present);
}

function renderBudget() {
  const budget = board.dotsPerParticipant;
  elements.remaining.textContent = t('budget.remaining', mine.remaining, budget);
  elements.pips.textContent = '●'.repeat(budget - mine.remaining) + '○'.repeat(Math.max(0, mine.remaining));
}

// ---------- cards ----------

function createCardElement(card) {
  const title = make('h3', { className: 'card-title' });
  const description = make('p', { className: 'card-description' });
  const dotsCount = make('span', { className: 'dots-count' });
  const interestedCount = make('span');
  const presentCount = make('span');
  const author = make('span');
  const place = make('p', { className: 'card-place' });
  const myDots = make('output');
  const less = make('button', { type: 'button', textContent: '−' });
  const more = make('button', { type: 'button', textContent: '+' });
  const interested = make('button', { type: 'button', className: 'secondary' });
  const present = make('button', { type: 'button', className: 'secondary' });
  const stepper = make('div', { className: 'dot-stepper' }, [less, myDots, more]);
  stepper.setAttribute('role', 'group');

  less.addEventListener('click', () => setDots(card.cardId, (mine.dots[card.cardId] ?? 0) - 1));
  more.addEventListener('click', () => setDots(card.cardId, (mine.dots[card.cardId] ?? 0) + 1));
  interested.addEventListener('click', () => toggle(card.cardId, 'interest', mine.interested));
  present.addEventListener('click', () => toggle(card.cardId, 'presence', mine.present));

  const element = make('li', { className: 'card', id: `card-${card.cardId}` }, [
    title,
    description,
    make('p', { className: 'card-meta' }, [dotsCount, interestedCount, presentCount, author]),
    place,
    make('div', { className: 'card-actions' }, [stepper, interested, present]),
  ]);
  element.dataset.cardId = card.cardId;
  const parts = { element, title, description, dotsCount, interestedCount, presentCount, author, place, myDots, less, more, interested, present, stepper };
  if (isFacilitator) {
    Object.assign(parts, createFacilitatorTools(card.cardId, element));
  }

  return parts;
}

function createFacilitatorTools(cardId, element) {
  const placeSelect = make('select', { id: `place-${cardId}` });
  const placeButton = make('button', { type: 'button', className: 'secondary', textContent: t('facilitator.place') });
  const mergeSelect = make('select', { id: `merge-${cardId}` });
  const mergeButton = make('button', { type: 'button', className: 'secondary', textContent: t('facilitator.merge') });
  const hideButton = make('button', { type: 'button', className: 'danger', textContent: t('facilitator.hide') });
  const placeLabel = make('label', { htmlFor: placeSelect.id, textContent: t('facilitator.placeLabel') });
  const mergeLabel = make('label', { htmlFor: mergeSelect.id, textContent: t('facilitator.mergeLabel') });

  placeButton.addEventListener('click', () => placeFromSelect(cardId, placeSelect.value));
  mergeButton.addEventListener('click', () => merge(cardId, mergeSelect.value));
  hideButton.addEventListener('click', () => hide(cardId));
  element.addEventListener('dragstart', event => {
    event.dataTransfer.setData('text/plain', cardId);
    event.dataTransfer.effectAllowed = 'move';
  });

  const placeGroup = make('div', { className: 'inline-field' }, [placeLabel, placeSelect]);
  const mergeGroup = make('div', { className: 'inline-field' }, [mergeLabel, mergeSelect]);
  element.append(make('div', { className: 'facilitator-tools' }, [placeGroup, placeButton, mergeGroup, mergeButton, hideButton]));
  return { placeSelect, placeButton, placeGroup, mergeSelect, mergeButton, mergeGroup };
}

function updateCardElement(parts, card) {
  const open = board.state === 'open';
  const myDots = mine.dots[card.cardId] ?? 0;
  parts.title.textContent = card.title;
  parts.description.textContent = card.description ?? '';
  parts.description.hidden = !card.description;
  parts.dotsCount.textContent = t('card.dots', card.dots);
  parts.interestedCount.textContent = t('card.interested', card.interested);
  parts.presentCount.textContent = t('card.present', card.present);
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
  parts.place.textContent = cell ? t('card.placed', cell.slot.label, cell.space.name) : '';
  parts.place.hidden = !cell;
  parts.element.classList.toggle('scheduled', Boolean(cell));
  if (isFacilitator) {
    updateFacilitatorTools(parts, card, cell);
  }
}

function setPressed(button, pressed, label, title) {
  button.setAttribute('aria-pressed', String(pressed));
  button.textContent = label;
  button.setAttribute('aria-label', `${label}: ${title}`);
}

function updateFacilitatorTools(parts, card, cell) {
  const grid = board.grid;
  const hasGrid = Boolean(grid && grid.slots.length && grid.spaces.length);
  parts.element.draggable = hasGrid;
  parts.placeGroup.hidden = parts.placeButton.hidden = !hasGrid;
  if (hasGrid) {
    const options = [make('option', { value: '', textContent: t('facilitator.notPlaced') })];
    for (const slot of grid.slots) {
      for (const space of grid.spaces) {
        options.push(make('option', { value: `${slot.id}|${space.id}`, textContent: cellLabel(slot, space) }));
      }
    }

    replaceOptions(parts.placeSelect, options, cell ? `${cell.slot.id}|${cell.space.id}` : '');
  }

  const others = activeCards(board).filter(other => other.cardId !== card.cardId);
  replaceOptions(parts.mergeSelect, others.map(other => make('option', { value: other.cardId, textContent: other.title })), parts.mergeSelect.value);
  parts.mergeGroup.hidden = parts.mergeButton.hidden = others.length === 0;
  parts.placeSelect.setAttribute('aria-label', t('facilitator.placeFor', card.title));
  parts.mergeSelect.setAttribute('aria-label', t('facilitator.mergeFor', card.title));
}

/** Replaces a select's options but keeps the choice, unless the person is using it right now. */
function replaceOptions(select, options, value) {
  if (document.activeElement === select) {
    return;
  }

  select.replaceChildren(...options);
  select.value = options.some(option => option.value === value) ? value : (options[0]?.value ?? '');
}

function placementOf(card) {
  if (card.status !== 'scheduled' || !card.placement || !board.grid) {
    return null;
  }

  const slot = board.grid.slots.find(s => s.id === card.placement.slotId);
  const space = board.grid.spaces.find(s => s.id === card.placement.spaceId);
  return slot && space ? { slot, space } : null;
}

function renderLanes() {
  const cards = activeCards(board);
  const lanes = board.lanes.length ? board.lanes : [{ id: '', title: t('Board.Topics') }];
  const glocal = board.kind === 'glocal';
  elements.lanes.classList.toggle('glocal', glocal);
  const sections = lanes.map(lane => {
    const laneCards = cards.filter(card => lanes.length === 1 || card.lane === lane.id);
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

// ---------- the grid ----------

function renderGrid() {
  const grid = board.grid;
  const cards = activeCards(board);
  const anyPlaced = cards.some(card => placementOf(card));
  const show = Boolean(grid && grid.slots.length && grid.spaces.length && (isFacilitator || anyPlaced));
  elements.gridSection.hidden = !show;
  if (!show) {
    return;
  }

  const head = make('thead', {}, [make('tr', {}, [
    make('th', { scope: 'col', textContent: t('grid.slot') }),
    ...grid.spaces.map(space => make('th', { scope: 'col', textContent: space.name })),
  ])]);
  const body = make('tbody', {}, grid.slots.map(slot => make('tr', {}, [
    make('th', { scope: 'row', textContent: slot.label }),
    ...grid.spaces.map(space => renderCell(slot, space, cards)),
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

  if (isFacilitator) {
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

// ---------- the board around the cards ----------

function renderState() {
  elements.state.textContent = t(`state.${board.state}`);
  elements.proposeForm?.querySelectorAll('input, textarea, select, button').forEach(control => {
    control.disabled = board.state === 'locked';
  });
  elements.controls?.querySelectorAll('[data-state]').forEach(button => {
    button.setAttribute('aria-pressed', String(button.dataset.state === board.state));
  });
  if (elements.laneSelect && elements.laneSelect.options.length === 0) {
    elements.laneSelect.replaceChildren(...board.lanes.map(lane => make('option', { value: lane.id, textContent: laneTitle(lane) })));
    elements.laneSelect.closest('.field').hidden = board.lanes.length < 2;
  }
}

function renderRound() {
  const left = timeLeft(board?.round);
  elements.round.hidden = left === null;
  elements.round.textContent = left === null ? '' : t('round.left', board.round.label, left);
}

function render() {
  renderState();
  renderBudget();
  renderLanes();
  renderGrid();
  renderRound();
}

// ---------- calls ----------

async function setDots(cardId, dots) {
  if (dots < 0) {
    return;
  }

  const result = await callApi('PUT', `${boardPath}/cards/${cardId}/dots`, { dots });
  if (!result.ok) {
    complain(result);
    return;
  }

  mine.dots[cardId] = result.data.dots;
  mine.remaining = result.data.remaining;
  say(t('status.dotsSet', result.data.remaining));
  render();
}

async function toggle(cardId, what, set) {
  const on = !set.has(cardId);
  const result = await callApi(on ? 'PUT' : 'DELETE', `${boardPath}/cards/${cardId}/${what}`);
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
function acceptCard(card) {
  if (card?.cardId && board.cards.has(card.cardId)) {
    board.cards.set(card.cardId, normaliseCard(card));
  }

  render();
}

async function schedule(cardId, slotId, spaceId) {
  const result = await callApi('PUT', `${boardPath}/cards/${cardId}/schedule`, { slotId, spaceId });
  if (!result.ok) {
    complain(result);
    return;
  }

  acceptCard(result.data);
  say(t('status.placed'));
}

async function placeFromSelect(cardId, value) {
  if (!value) {
    const result = await callApi('DELETE', `${boardPath}/cards/${cardId}/schedule`);
    if (result.ok) {
      acceptCard(result.data);
      say(t('status.unplaced'));
    } else {
      complain(result);
    }

    return;
  }

  const [slotId, spaceId] = value.split('|');
  await schedule(cardId, slotId, spaceId);
}

async function merge(cardId, intoCardId) {
  if (!intoCardId) {
    return;
  }

  const result = await callApi('POST', `${boardPath}/cards/${cardId}/merge`, { intoCardId });
  if (result.ok) {
    say(t('status.merged'));
  } else {
    complain(result);
  }
}

async function hide(cardId) {
  const result = await callApi('DELETE', `${boardPath}/cards/${cardId}`);
  if (result.ok) {
    say(t('status.hidden'));
  } else {
    complain(result);
  }
}

elements.proposeForm?.addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(elements.proposeForm);
  const title = String(form.get('title') ?? '').trim();
  if (!title) {
    elements.problem.textContent = t('propose.titleRequired');
    elements.proposeForm.elements.title.focus();
    return;
  }

  const description = String(form.get('description') ?? '').trim();
  const lane = form.get('lane') || undefined;
  const result = await callApi('POST', `${boardPath}/cards`, { lane, title, description: description || undefined });
  if (!result.ok) {
    complain(result);
    return;
  }

  elements.proposeForm.reset();
  if (board && result.data?.cardId && !board.cards.has(result.data.cardId)) {
    board.cards.set(result.data.cardId, normaliseCard(result.data));
    render();
  }

  say(t('status.proposed', title));
});

elements.controls?.addEventListener('click', async event => {
  const button = event.target.closest('[data-state]');
  if (!button) {
    return;
  }

  const result = await callApi('PUT', `${boardPath}/state`, { state: button.dataset.state });
  if (result.ok) {
    say(t(`status.state.${button.dataset.state}`));
  } else {
    complain(result);
  }
});

document.getElementById('round-form')?.addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const minutes = Number(form.get('minutes'));
  const result = await callApi('PUT', `${boardPath}/round`, { label: String(form.get('label') ?? '').trim(), minutes });
  if (result.ok) {
    say(t('status.roundStarted'));
  } else {
    complain(result);
  }
});

document.getElementById('round-stop')?.addEventListener('click', async () => {
  const result = await callApi('DELETE', `${boardPath}/round`);
  if (result.ok) {
    say(t('status.roundStopped'));
  } else {
    complain(result);
  }
});

// ---------- start ----------

let hideBackTimer;
const feed = new BoardFeed({
  meetingId,
  boardId,
  withMyDots: true,
  onBoard: (next, changed) => {
    if (changed === null) {
      takeMine(next);
    }

    board = next;
    render();
  },
  onWatchers: count => {
    elements.watchers.textContent = t('board.watching', count);
  },
  onConnection: change => {
    clearTimeout(hideBackTimer);
    elements.connection.className = `banner ${change === 'lost' ? 'offline' : 'online'}`;
    elements.connection.textContent = t(change === 'lost' ? 'connection.lost' : 'connection.back');
    if (change === 'back') {
      hideBackTimer = setTimeout(() => { elements.connection.textContent = ''; }, 4000);
    }
  },
});
setInterval(renderRound, 1000);
feed.start();
