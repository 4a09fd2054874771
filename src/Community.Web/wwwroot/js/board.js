// The board page: participants propose, vote, mark interest and presence; facilitators also run the board.
// Each concern has its own module under board/: page (shared state), render (lanes and cards), dots, grid,
// facilitation, propose. This module wires them to the live feed.
import { t } from './texts.js';
import { BoardFeed, activeCards } from './live.js';
import { page, elements, setRenderer } from './board/page.js';
import { takeMine, renderBudget } from './board/dots.js';
import { renderGrid } from './board/grid.js';
import { renderLanes, renderState, renderRound, useFacilitatorTools } from './board/render.js';
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
// Facilitators' tools come as a module of their own, so a participant's phone never downloads them.
let refreshRetired = () => {};
if (page.isFacilitator) {
  const facilitation = await import('./board/facilitation.js');
  useFacilitatorTools({ create: facilitation.createFacilitatorTools, update: facilitation.updateFacilitatorTools });
  facilitation.wireControls();
  refreshRetired = facilitation.refreshRetired;
}

elements.sort?.addEventListener('change', render);

let hideBackTimer;
let activeCount = -1;
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
    // A card hidden, merged or restored (here or by another facilitator) changes the list of hidden cards.
    const active = activeCards(next).length;
    if (active !== activeCount) {
      activeCount = active;
      refreshRetired();
    }
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
