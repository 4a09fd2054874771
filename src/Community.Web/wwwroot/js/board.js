// The board page: participants propose, vote, mark interest and presence; facilitators also run the board.
// Each concern has its own module under board/: page (shared state), render (lanes and cards), dots, grid,
// facilitation, propose. This module wires them to the live feed.
import { t } from './texts.js';
import { BoardFeed } from './live.js';
import { page, elements, setRenderer } from './board/page.js';
import { takeMine, renderBudget } from './board/dots.js';
import { renderGrid } from './board/grid.js';
import { renderLanes, renderState, renderRound } from './board/render.js';
import { wireControls } from './board/facilitation.js';
import { wirePropose } from './board/propose.js';

function render() {
  renderState();
  renderBudget();
  renderLanes();
  renderGrid();
  renderRound();
}

setRenderer(render);
wirePropose();
wireControls();

let hideBackTimer;
const feed = new BoardFeed({
  meetingId: page.meetingId,
  boardId: page.boardId,
  withMyDots: true,
  onBoard: (next, changed) => {
    if (changed === null) {
      takeMine(next);
    }

    page.board = next;
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
feed.start(JSON.parse(document.getElementById('board-snapshot').textContent));
