// The projector follows the board: the ranking by dots while people vote, the schedule wall (slots x spaces, the
// current slot highlighted, times in the meeting's time zone) once topics are placed, and the lanes of a glocal
// board. Large type for the back of the room; titles wrap, and a shortened title keeps whole grapheme clusters.
import { t, plural } from './texts.js';
import { BoardFeed, activeCards, timeLeft } from './live.js';
import { shorten } from './graphemes.js';

const root = document.getElementById('projector');
const { meetingId, boardId, timeZone } = root.dataset;
const view = document.getElementById('view');
const countdown = document.getElementById('countdown');
const roundLabel = document.getElementById('round-label');
const stateLabel = document.getElementById('board-state');
const connection = document.getElementById('connection');
const boardTitles = JSON.parse(document.getElementById('board-titles').textContent);
const shownTopics = 10;
// A cell of the wall holds a few lines of large type; a card in a lane a few more.
const cellGraphemes = 70;
const laneGraphemes = 90;
const clock = new Intl.DateTimeFormat(document.documentElement.lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
let board = null;
let currentSlotId = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }

  if (text !== undefined) {
    node.textContent = text;
  }

  return node;
}

const byDots = (a, b) => b.dots - a.dots || b.interested - a.interested;

function renderRanking() {
  const cards = activeCards(board).sort(byDots).slice(0, shownTopics);
  if (cards.length === 0) {
    return element('p', 'empty', t('projector.empty'));
  }

  const most = Math.max(1, ...cards.map(card => card.dots));
  const list = element('ol', 'ranking');
  list.id = 'ranking';
  list.setAttribute('aria-label', t('projector.rankingTitle'));
  for (const card of cards) {
    const row = element('li', 'rank-row');
    row.dataset.cardId = card.cardId;
    row.setAttribute('aria-label', plural('projector.row', card.dots, card.title, card.dots));
    const bar = element('span', 'rank-bar');
    bar.setAttribute('aria-hidden', 'true');
    const fill = element('span', 'rank-fill');
    // CSSOM, not a style attribute: allowed under the Content-Security-Policy.
    fill.style.width = `${Math.max(1, (100 * card.dots) / most)}%`;
    bar.append(fill);
    row.append(element('span', 'rank-title', card.title), bar, element('span', 'rank-count', String(card.dots)));
    list.append(row);
  }

  return list;
}

function slotNow(slots, now = Date.now()) {
  return slots.find(slot => Date.parse(slot.startsAt) <= now && now < Date.parse(slot.endsAt))?.id ?? null;
}

function renderWall() {
  const { slots, spaces } = board.grid;
  const placed = new Map(activeCards(board)
    .filter(card => card.placement)
    .map(card => [`${card.placement.slotId}|${card.placement.spaceId}`, card]));
  currentSlotId = slotNow(slots);

  const table = element('table', 'schedule-wall');
  table.id = 'schedule-wall';
  table.append(element('caption', 'wall-caption', t('projector.wallCaption', timeZone)));
  const head = element('tr');
  head.append(element('td'));
  for (const space of spaces) {
    const th = element('th', 'wall-space', space.name);
    th.scope = 'col';
    if (space.capacity) {
      th.append(element('span', 'wall-capacity', plural('projector.capacity', space.capacity, space.capacity)));
    }

    head.append(th);
  }

  table.append(element('thead'), element('tbody'));
  table.tHead.append(head);
  for (const slot of slots) {
    const row = element('tr', slot.id === currentSlotId ? 'current' : '');
    row.dataset.slotId = slot.id;
    const when = element('th', 'wall-slot');
    when.scope = 'row';
    when.append(
      element('span', 'wall-time', `${clock.format(new Date(slot.startsAt))}–${clock.format(new Date(slot.endsAt))}`),
      element('span', 'wall-label', slot.label));
    if (slot.id === currentSlotId) {
      row.setAttribute('aria-current', 'time');
      when.append(element('span', 'wall-now', t('projector.now')));
    }

    row.append(when);
    for (const space of spaces) {
      const card = placed.get(`${slot.id}|${space.id}`);
      const cell = element('td', card ? 'wall-cell' : 'wall-cell free');
      cell.dataset.spaceId = space.id;
      if (card) {
        const title = element('span', 'wall-title', shorten(card.title, cellGraphemes));
        title.title = card.title;
        cell.append(title, element('span', 'wall-convener', card.authorName));
      }

      row.append(cell);
    }

    table.tBodies[0].append(row);
  }

  return table;
}

function renderLanes() {
  const wall = element('div', 'lanes-wall');
  wall.id = 'lanes-wall';
  const cards = activeCards(board).sort(byDots);
  for (const lane of board.lanes) {
    const column = element('section', 'lane-column');
    column.dataset.lane = lane.id;
    const heading = element('h2', 'lane-title', lane.title);
    heading.id = `lane-${lane.id}`;
    column.setAttribute('aria-labelledby', heading.id);
    const list = element('ul', 'lane-cards');
    for (const card of cards.filter(candidate => candidate.lane === lane.id)) {
      const item = element('li', 'lane-card');
      item.dataset.cardId = card.cardId;
      item.append(element('span', 'lane-card-title', shorten(card.title, laneGraphemes)));
      if (card.dots > 0) {
        item.append(element('span', 'lane-card-dots', t('projector.dots', card.dots)));
      }

      const linked = (card.linkedBoards ?? []).filter(id => boardTitles[id]).map(id => boardTitles[id]);
      if (linked.length > 0) {
        item.append(element('span', 'lane-card-link', t('projector.linked', linked.join(', '))));
      }

      list.append(item);
    }

    column.append(heading, list);
    wall.append(column);
  }

  return wall;
}

/** The board's kind and state decide what the room sees. */
function mode() {
  if (board.kind === 'glocal') {
    return 'lanes';
  }

  const placed = board.grid?.slots?.length && activeCards(board).some(card => card.placement);
  return placed ? 'wall' : 'ranking';
}

function render() {
  const current = mode();
  root.dataset.mode = current;
  stateLabel.textContent = t(`state.${board.state}`);
  const renderers = { ranking: renderRanking, wall: renderWall, lanes: renderLanes };
  view.replaceChildren(renderers[current]());
  renderRound();
}

function renderRound() {
  const left = timeLeft(board?.round);
  countdown.textContent = left ?? '';
  roundLabel.textContent = left === null ? t('projector.noRound') : board.round.label;
}

function tick() {
  if (!board) {
    return;
  }

  renderRound();
  // The highlight moves to the next slot when its time comes, without waiting for a change on the board.
  if (root.dataset.mode === 'wall' && slotNow(board.grid.slots) !== currentSlotId) {
    render();
  }
}

const feed = new BoardFeed({
  meetingId,
  boardId,
  withMyDots: false,
  onBoard: next => {
    board = next;
    render();
  },
  onConnection: change => {
    connection.className = `banner ${change === 'lost' ? 'offline' : 'online'}`;
    connection.textContent = change === 'lost' ? t('connection.lost') : '';
  },
});
setInterval(tick, 1000);
feed.start();
