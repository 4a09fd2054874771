// Keeps one board in step with the server over the SignalR hub: Watch gives a snapshot with its version, `changes`
// messages move it forward (whole cards, patches of cards it holds, removals), and a gap, a patch of an unknown card,
// a reconnect or the browser coming back online makes it Watch again and replace the board. Nothing relies on every
// message arriving.
/* global signalR */
import { callApi } from './api.js';

const boardStates = ['open', 'votingClosed', 'locked'];
const cardStatuses = ['proposed', 'scheduled', 'merged', 'withdrawn', 'hidden'];
const boardKinds = ['openSpace', 'glocal'];

// Enums may arrive as names or as numbers, depending on the serializer: read both the same way.
function enumName(value, names) {
  if (typeof value === 'number') {
    return names[value];
  }

  const text = String(value ?? names[0]);
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function normaliseCard(card) {
  return { ...card, status: enumName(card.status, cardStatuses) };
}

// A `changes` patch carries only what changed on a card we hold (absent or null: unchanged); status and placement
// travel together, so a status without a placement means "not placed".
function applyPatch(card, patch) {
  const next = { ...card };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && value !== undefined) {
      next[key] = value;
    }
  }

  if (patch.status !== null && patch.status !== undefined) {
    next.status = enumName(patch.status, cardStatuses);
    next.placement = patch.placement ?? null;
  }

  return next;
}

function normaliseSnapshot(snapshot) {
  return {
    ...snapshot,
    kind: enumName(snapshot.kind, boardKinds),
    state: enumName(snapshot.state, boardStates),
    cards: new Map((snapshot.cards ?? []).map(card => [card.cardId, normaliseCard(card)])),
  };
}

export class BoardFeed {
  /**
   * @param {object} options meetingId, boardId; withMyDots: also read my own dots from the API snapshot;
   *   onBoard(board, changedCardIds|null): after every change (null: the whole board was replaced);
   *   onConnection('lost'|'back'): the connection went away or came back;
   *   onWatchers(count): how many people watch the board now.
   */
  constructor({ meetingId, boardId, withMyDots, onBoard, onConnection, onWatchers = () => {} }) {
    Object.assign(this, { meetingId, boardId, withMyDots, onBoard, onConnection, onWatchers });
    this.board = null;
    this.pending = null;
    this.lost = false;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => Math.min(500 * 2 ** context.previousRetryCount, 5000) })
      .build();
    this.connection.on('changes', message => this.receive(message));
    // The server asks for a resync when its relay missed changes or a change was too big to send.
    this.connection.on('resync', () => this.resync());
    this.connection.on('watchers', message => this.onWatchers(message.watchers));
    this.connection.onreconnecting(() => this.markLost());
    this.connection.onreconnected(() => this.resync());
    this.connection.onclose(() => {
      this.markLost();
      this.startWithRetry();
    });
    window.addEventListener('offline', () => this.markLost());
    window.addEventListener('online', () => {
      if (this.connection.state === signalR.HubConnectionState.Connected) {
        this.resync();
      }
    });
  }

  /** Shows `initial` (the snapshot the page came with, if any) at once, then connects and keeps it in step. */
  async start(initial = null) {
    if (initial) {
      this.board = normaliseSnapshot(initial);
      this.onBoard(this.board, null);
    }

    await this.startWithRetry();
  }

  async startWithRetry() {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.connection.start();
        await this.resync();
        return;
      } catch {
        this.markLost();
        await new Promise(resolve => setTimeout(resolve, Math.min(1000 * (attempt + 1), 5000)));
      }
    }
  }

  markLost() {
    if (!this.lost) {
      this.lost = true;
      this.onConnection('lost');
    }
  }

  /** Watches again and replaces the board with the snapshot; messages that arrive meanwhile are applied after it. */
  async resync() {
    if (this.pending) {
      return;
    }

    this.pending = [];
    try {
      let snapshot = await this.connection.invoke('Watch', this.meetingId, this.boardId);
      if (this.withMyDots && !snapshot.myDots && this.board?.myDots && this.board.version === snapshot.version) {
        // Nothing changed since the board we hold, my dots included.
        snapshot = { ...snapshot, myDots: this.board.myDots };
      } else if (this.withMyDots && !snapshot.myDots) {
        const fromApi = await callApi('GET', `/api/meetings/${this.meetingId}/boards/${this.boardId}`);
        if (fromApi.ok && fromApi.data.version >= snapshot.version) {
          snapshot = fromApi.data;
        }
      }

      // The same version as the board shown (the page's own snapshot, or a quick reconnect), with my dots known on
      // both, changes nothing on screen: redrawing it would only reset a half-made choice in a card's controls.
      const unchanged = this.board?.version === snapshot.version && Boolean(this.board.myDots) === Boolean(snapshot.myDots);
      if (!unchanged) {
        this.board = normaliseSnapshot(snapshot);
        this.onBoard(this.board, null);
      }

      if (this.lost && navigator.onLine) {
        this.lost = false;
        this.onConnection('back');
      }
    } catch {
      this.markLost();
    } finally {
      const waiting = this.pending ?? [];
      this.pending = null;
      waiting.forEach(message => this.receive(message));
    }
  }

  receive(message) {
    if (this.pending) {
      this.pending.push(message);
      return;
    }

    if (!this.board || message.toVersion <= this.board.version) {
      return;
    }

    const board = this.board;
    // `dots` is the short form of patches that only move a count: {cardId: count}.
    const patches = [...message.patches ?? [], ...Object.entries(message.dots ?? {}).map(([cardId, dots]) => ({ cardId, dots }))];
    // A gap, a patch of a card we never got whole (either way this board is behind), or counts hidden or shown again
    // (voting opened or closed on a board that hides them): the cards held have the wrong counts.
    if (message.fromVersion > board.version || patches.some(patch => !board.cards.has(patch.cardId))
      || Boolean(message.dotsHidden) !== Boolean(board.dotsHidden)) {
      this.resync();
      return;
    }

    const changed = [];
    for (const card of message.cards ?? []) {
      board.cards.set(card.cardId, normaliseCard(card));
      changed.push(card.cardId);
    }

    for (const patch of patches) {
      board.cards.set(patch.cardId, applyPatch(board.cards.get(patch.cardId), patch));
      changed.push(patch.cardId);
    }

    for (const cardId of message.removed ?? []) {
      board.cards.delete(cardId);
      changed.push(cardId);
    }

    board.state = enumName(message.state, boardStates);
    board.round = message.round ?? null;
    board.version = message.toVersion;
    this.onBoard(board, changed);
    if (typeof message.watchers === 'number') {
      this.onWatchers(message.watchers);
    }
  }
}

/** "mm:ss" left until the round ends, or null when there is no running round. */
export function timeLeft(round, now = Date.now()) {
  if (!round) {
    return null;
  }

  const seconds = Math.max(0, Math.round((Date.parse(round.endsAt) - now) / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Cards still on the board, oldest first. */
export function activeCards(board) {
  return [...board.cards.values()]
    .filter(card => card.status === 'proposed' || card.status === 'scheduled')
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || a.cardId.localeCompare(b.cardId));
}
