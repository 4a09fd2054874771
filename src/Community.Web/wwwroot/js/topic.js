// The topic page: the card's place and counts follow the board live; the notes and photos are read again whenever
// the board says the card changed (the discussion grain records every change of notes or photos on the board).
// Notes are previewed with the server's Markdown renderer, so the preview is what everyone will read.
import { callApi, statusLine } from './api.js';
import { t, plural } from './texts.js';
import { BoardFeed } from './live.js';
import { browserZone, clock } from './meeting-time.js';

const root = document.getElementById('topic');
const { meetingId, boardId, cardId, zone } = root.dataset;
const canEdit = root.dataset.canEdit === 'true';
const cardPath = `/api/meetings/${meetingId}/boards/${boardId}/cards/${cardId}`;

const elements = {
  connection: document.getElementById('connection'),
  status: document.getElementById('status'),
  problem: document.getElementById('problem'),
  title: document.getElementById('topic-title'),
  description: document.getElementById('topic-description'),
  where: document.querySelector('#topic-where .where-text'),
  localTime: document.querySelector('#topic-where .local-time'),
  dots: document.getElementById('count-dots'),
  interested: document.getElementById('count-interested'),
  present: document.getElementById('count-present'),
  notesText: document.getElementById('notes-text'),
  notesSave: document.getElementById('notes-save'),
  notesView: document.getElementById('notes-view'),
  photos: document.getElementById('photos'),
  noPhotos: document.getElementById('no-photos'),
  photoForm: document.getElementById('photo-form'),
  photoInput: document.getElementById('photo-input'),
};

/** The notes as last stored (what the editor started from) and the discussion version they came with. */
let stored = { notes: null, version: -1 };

const { say, complain } = statusLine(elements.status, elements.problem);

// ---------- the card ----------

function renderWhere(board, card) {
  const slot = board.grid?.slots.find(candidate => candidate.id === card.placement?.slotId);
  const space = board.grid?.spaces.find(candidate => candidate.id === card.placement?.spaceId);
  if (!slot || !space) {
    elements.where.textContent = t('Topic.NotPlaced');
    elements.localTime.hidden = true;
    return;
  }

  const times = `${clock(slot.startsAt, zone)}–${clock(slot.endsAt, zone)}`;
  const room = space.capacity ? plural('topic.spaceWithCapacity', space.capacity, space.name, space.capacity) : space.name;
  elements.where.textContent = t('topic.where', times, slot.label, room);
  if (browserZone && browserZone !== zone) {
    elements.localTime.textContent = t('time.yours', `${clock(slot.startsAt)}–${clock(slot.endsAt)}`);
    elements.localTime.hidden = false;
  }
}

function renderCard(board, card) {
  elements.title.textContent = card.title;
  elements.description.textContent = card.description ?? '';
  elements.dots.textContent = String(card.dots);
  elements.interested.textContent = String(card.interested);
  elements.present.textContent = String(card.present);
  renderWhere(board, card);
}

// ---------- notes ----------

async function renderNotes(markdown) {
  if (!markdown.trim()) {
    elements.notesView.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('Topic.NoNotes') }));
    return;
  }

  const preview = await callApi('POST', `${cardPath}/notes/preview`, { markdown });
  if (preview.ok) {
    // Rendered by the server's Markdown renderer: raw HTML disabled, then sanitised.
    elements.notesView.innerHTML = preview.data.html;
  } else {
    complain(preview);
  }
}

/** The editor holds text that is not what was last read or saved (also when typing began before the first read). */
function editorIsDirty() {
  return canEdit && elements.notesText.value !== (stored.notes ?? '');
}

/** Reads the discussion; when its version moved, shows the new notes (unless the editor holds unsaved changes) and photos. */
async function refreshDiscussion() {
  const result = await callApi('GET', `${cardPath}/notes`);
  if (!result.ok) {
    complain(result);
    return;
  }

  const discussion = result.data;
  if (discussion.version === stored.version) {
    return;
  }

  const dirty = editorIsDirty();
  const firstRead = stored.notes === null;
  stored = { notes: discussion.notes, version: discussion.version };
  renderPhotos(discussion.photos ?? []);
  if (dirty) {
    if (!firstRead) {
      say(t('topic.notesChangedElsewhere'));
    }

    return;
  }

  if (canEdit) {
    elements.notesText.value = discussion.notes;
  }

  await renderNotes(discussion.notes);
}

let previewTimer = 0;
function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => renderNotes(elements.notesText.value), 400);
}

async function saveNotes() {
  elements.notesSave.disabled = true;
  say(t('topic.saving'));
  const result = await callApi('PUT', `${cardPath}/notes`, { markdown: elements.notesText.value });
  elements.notesSave.disabled = false;
  if (!result.ok) {
    complain(result);
    return;
  }

  stored = { notes: result.data.notes, version: result.data.version };
  renderPhotos(result.data.photos ?? []);
  say(t('topic.notesSaved'));
}

// ---------- photos ----------

function renderPhotos(photos) {
  elements.noPhotos.hidden = photos.length > 0;
  elements.photos.replaceChildren(...photos.map((photo, index) => {
    // A thumbnail when the server made one, else the photo itself (sized down by the page's CSS).
    const shown = photo.thumbnailMediaName ?? photo.mediaName;
    const image = Object.assign(document.createElement('img'), {
      src: `/media/${encodeURIComponent(shown)}`,
      alt: t('topic.photoAlt', index + 1, elements.title.textContent),
      loading: 'lazy',
    });
    const link = Object.assign(document.createElement('a'), { href: `/media/${encodeURIComponent(photo.mediaName)}` });
    link.append(image);
    const item = document.createElement('li');
    item.append(link);
    return item;
  }));
}

async function uploadPhoto(event) {
  event.preventDefault();
  const file = elements.photoInput.files?.[0];
  if (!file) {
    complain({ problem: { detail: t('topic.choosePhoto') } });
    return;
  }

  const button = elements.photoForm.querySelector('button');
  button.disabled = true;
  say(t('topic.uploading'));
  const body = new FormData();
  body.append('photo', file);
  let response;
  try {
    response = await fetch(`${cardPath}/photos`, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    response = null;
  }

  button.disabled = false;
  if (!response?.ok) {
    const problem = response ? await response.json().catch(() => ({ status: response.status })) : { type: 'network' };
    complain({ status: response?.status ?? 0, problem });
    return;
  }

  elements.photoForm.reset();
  say(t('topic.photoAdded'));
  await refreshDiscussion();
}

// ---------- wiring ----------

const feed = new BoardFeed({
  meetingId,
  boardId,
  withMyDots: false,
  onBoard: (board, changed) => {
    const card = board.cards.get(cardId);
    if (!card) {
      complain({ problem: { detail: t('topic.gone') } });
      return;
    }

    renderCard(board, card);
    if (changed === null || changed.includes(cardId)) {
      refreshDiscussion();
    }
  },
  onConnection: state => {
    elements.connection.textContent = state === 'lost' ? t('connection.lost') : t('connection.back');
  },
});

if (canEdit) {
  elements.notesText.addEventListener('input', schedulePreview);
  elements.notesSave.addEventListener('click', saveNotes);
}

elements.photoForm.addEventListener('submit', uploadPhoto);
feed.start();
