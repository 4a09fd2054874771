// The projector: a live ranking of topics as SVG bars, the round countdown, large type for the back of the room.
import { t } from './texts.js';
import { BoardFeed, activeCards, timeLeft } from './live.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const root = document.getElementById('projector');
const { meetingId, boardId } = root.dataset;
const ranking = document.getElementById('ranking');
const countdown = document.getElementById('countdown');
const roundLabel = document.getElementById('round-label');
const stateLabel = document.getElementById('board-state');
const connection = document.getElementById('connection');
const shownTopics = 10;
const rowHeight = 84;
const width = 1200;
const titleWidth = 600;
let board = null;

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }

  if (text !== undefined) {
    element.textContent = text;
  }

  return element;
}

function shorten(title, length = 28) {
  return title.length > length ? `${title.slice(0, length - 1)}…` : title;
}

function renderRanking() {
  const cards = activeCards(board).sort((a, b) => b.dots - a.dots || b.interested - a.interested).slice(0, shownTopics);
  if (cards.length === 0) {
    ranking.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: t('projector.empty') }));
    return;
  }

  const most = Math.max(1, ...cards.map(card => card.dots));
  const height = cards.length * rowHeight;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'ranking-svg', role: 'img', 'aria-labelledby': 'ranking-title' });
  chart.append(svg('title', { id: 'ranking-title' }, t('projector.rankingTitle')));
  cards.forEach((card, index) => {
    const y = index * rowHeight;
    const barWidth = Math.max(4, ((width - titleWidth - 90) * card.dots) / most);
    const row = svg('g', { 'data-card-id': card.cardId });
    row.append(
      svg('text', { x: 0, y: y + 54 }, shorten(card.title)),
      svg('rect', { x: titleWidth, y: y + 14, width: barWidth, height: rowHeight - 28, rx: 6 }),
      svg('text', { x: titleWidth + barWidth + 14, y: y + 56, class: 'count' }, String(card.dots)),
    );
    // Each row tells a screen reader the whole title and the count, not just what fits on screen.
    row.prepend(svg('title', {}, t('projector.row', card.title, card.dots)));
    chart.append(row);
  });
  ranking.replaceChildren(chart);
}

function renderRound() {
  const left = timeLeft(board?.round);
  countdown.textContent = left ?? '';
  roundLabel.textContent = left === null ? t('projector.noRound') : board.round.label;
}

function render() {
  stateLabel.textContent = t(`state.${board.state}`);
  renderRanking();
  renderRound();
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
setInterval(() => board && renderRound(), 1000);
feed.start();
