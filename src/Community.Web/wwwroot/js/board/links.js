// Glocal boards: a card can be linked with other regions' boards ("we could do this together"). The page brings the
// meeting's other regional boards as a data block; a card shows its links to them, and the board's own page lists
// the cards of other regions that link here (rendered by the server).
import { page, make } from './page.js';

const regions = JSON.parse(document.getElementById('board-regions')?.textContent ?? '[]');

/** The meeting's other regional boards: { boardId, title }. Empty on an open-space board. */
export function otherRegions() {
  return regions;
}

/** Links to the boards this card is linked with, by their titles; boards since removed are left out. */
export function linkedBoardLinks(card) {
  return (card.linkedBoards ?? [])
    .map(boardId => regions.find(region => region.boardId === boardId))
    .filter(Boolean)
    .map(region => make('a', { href: `/m/${page.meetingId}/b/${region.boardId}`, textContent: region.title }));
}
