// What every part of the board page shares: who is looking, the board as last received, my own dots, and the
// few helpers that put things on the page. Everything a person typed goes in with textContent, never as markup.
import { explain } from '../api.js';
import { t, has } from '../texts.js';

const root = document.getElementById('board');
const { meetingId, boardId, role, me, zone } = root.dataset;

export const page = {
  meetingId,
  boardId,
  isFacilitator: role === 'facilitator' || role === 'organiser',
  /** The participant looking at the board (their own topics get edit and withdraw) and the meeting's time zone. */
  me,
  zone,
  boardPath: `/api/meetings/${meetingId}/boards/${boardId}`,
  /** The board as last received from the feed (a snapshot moved forward by `changes`). */
  board: null,
};

/** What this person did on the board: kept from the snapshot and from the answers to their own calls. */
export const mine = { dots: {}, remaining: 0, interested: new Set(), present: new Set() };

export const elements = {
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

let renderer = () => {};

/** The page's one render function, set by the entry module; parts call `refresh()` after changing what they hold. */
export function setRenderer(render) {
  renderer = render;
}

export function refresh() {
  renderer();
}

export function say(text) {
  elements.problem.textContent = '';
  elements.status.textContent = text;
}

export function complain(result) {
  elements.status.textContent = '';
  elements.problem.textContent = explain(result);
}

export function make(tag, properties = {}, children = []) {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children);
  return element;
}

export function laneTitle(lane) {
  return has(`lane.${lane.id}`) ? t(`lane.${lane.id}`) : lane.title;
}
