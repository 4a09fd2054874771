// The facilitator's tools. On each card: placing in the grid (kept in view while there is a grid, since placing is
// the facilitator's main job after voting) and a compact menu with merge, links to other regions and hide; merge
// and hide ask first and can be undone. For the board: its state, hidden dot counts, the round timer and the list
// of hidden and merged cards, any of which can be restored.
import { callApi } from '../api.js';
import { t } from '../texts.js';
import { activeCards, normaliseCard } from '../live.js';
import { page, elements, make, say, complain, refresh } from './page.js';
import { cellLabel, hasGrid, schedule, unschedule } from './grid.js';
import { acceptCard } from './dots.js';
import { whileBusy, callForCard } from './feedback.js';
import { createConfirm } from './confirm.js';
import { otherRegions } from './links.js';

export function createFacilitatorTools(cardId, element) {
  const placeSelect = make('select', { id: `place-${cardId}` });
  const placeButton = make('button', { type: 'button', className: 'secondary', textContent: t('facilitator.place') });
  const placeLabel = make('label', { htmlFor: placeSelect.id, textContent: t('facilitator.placeLabel') });
  const placeGroup = make('div', { className: 'inline-field' }, [placeLabel, placeSelect]);
  // A choice not yet placed survives live updates of the board, which otherwise reset the list to where the card is.
  placeSelect.addEventListener('change', () => { placeSelect.dataset.pending = 'true'; });
  placeButton.addEventListener('click', async () => {
    await placeFromSelect(cardId, placeSelect.value);
    // Placed or refused, the list shows where the card is now.
    delete placeSelect.dataset.pending;
    refresh();
  });
  element.addEventListener('dragstart', event => {
    delete placeSelect.dataset.pending;
    event.dataTransfer.setData('text/plain', cardId);
    event.dataTransfer.effectAllowed = 'move';
  });

  const mergeSelect = make('select', { id: `merge-${cardId}` });
  const mergeButton = make('button', { type: 'button', className: 'secondary', textContent: t('facilitator.merge') });
  const mergeGroup = make('div', { className: 'menu-row' }, [
    make('div', { className: 'inline-field' }, [make('label', { htmlFor: mergeSelect.id, textContent: t('facilitator.mergeLabel') }), mergeSelect]),
    mergeButton,
  ]);
  const links = createLinkPicker(cardId);
  const hideButton = make('button', { type: 'button', className: 'danger', textContent: t('facilitator.hide') });
  const confirm = createConfirm(t('facilitator.confirm'), t('own.keep'));
  const menuSummary = make('summary', { textContent: t('facilitator.menu') });
  const menu = make('details', { className: 'card-menu' }, [menuSummary, mergeGroup, links.fieldset, make('div', { className: 'menu-row' }, [hideButton]), confirm.panel]);

  mergeButton.addEventListener('click', () => {
    const card = page.board.cards.get(cardId);
    const into = page.board.cards.get(mergeSelect.value);
    if (into) {
      confirm.ask(t('facilitator.mergeQuestion', card.title, into.title),
        button => retire(cardId, button, 'POST', `/cards/${cardId}/merge`, { intoCardId: into.cardId }, t('undo.merged', card.title, into.title)),
        mergeButton);
    }
  });
  hideButton.addEventListener('click', () => {
    const card = page.board.cards.get(cardId);
    confirm.ask(t('facilitator.hideQuestion', card.title),
      button => retire(cardId, button, 'DELETE', `/cards/${cardId}`, undefined, t('undo.hidden', card.title)),
      hideButton);
  });

  element.append(make('div', { className: 'facilitator-tools' }, [placeGroup, placeButton, menu]));
  return { placeSelect, placeButton, placeGroup, mergeSelect, mergeGroup, menuSummary, links };
}

export function updateFacilitatorTools(parts, card, cell) {
  const board = page.board;
  const withGrid = hasGrid(board);
  parts.element.draggable = withGrid;
  parts.placeGroup.hidden = parts.placeButton.hidden = !withGrid;
  if (withGrid) {
    const options = [make('option', { value: '', textContent: t('facilitator.notPlaced') })];
    for (const slot of board.grid.slots) {
      for (const space of board.grid.spaces) {
        options.push(make('option', { value: `${slot.id}|${space.id}`, textContent: cellLabel(slot, space) }));
      }
    }

    const placed = cell ? `${cell.slot.id}|${cell.space.id}` : '';
    replaceOptions(parts.placeSelect, options, parts.placeSelect.dataset.pending ? parts.placeSelect.value : placed);
  }

  const others = activeCards(board).filter(other => other.cardId !== card.cardId);
  replaceOptions(parts.mergeSelect, others.map(other => make('option', { value: other.cardId, textContent: other.title })), parts.mergeSelect.value);
  parts.mergeGroup.hidden = others.length === 0;
  parts.placeSelect.setAttribute('aria-label', t('facilitator.placeFor', card.title));
  parts.mergeSelect.setAttribute('aria-label', t('facilitator.mergeFor', card.title));
  parts.menuSummary.setAttribute('aria-label', t('facilitator.menuFor', card.title));
  parts.links.update(card);
}

/** Replaces a select's options but keeps the choice, unless the person is using it right now. */
function replaceOptions(select, options, value) {
  if (document.activeElement === select) {
    return;
  }

  select.replaceChildren(...options);
  select.value = options.some(option => option.value === value) ? value : (options[0]?.value ?? '');
}

/** The regions a glocal card is linked with: one checkbox per other regional board of the meeting. */
function createLinkPicker(cardId) {
  const regions = otherRegions();
  const boxes = regions.map(region => {
    const box = make('input', { type: 'checkbox', value: region.boardId, id: `link-${cardId}-${region.boardId}` });
    return { box, label: make('label', { className: 'check' }, [box, ` ${region.title}`]) };
  });
  const save = make('button', { type: 'button', className: 'secondary', textContent: t('links.save') });
  const fieldset = make('fieldset', { className: 'links-picker', hidden: regions.length === 0 }, [
    make('legend', { textContent: t('links.legend') }),
    ...boxes.map(entry => entry.label),
    save,
  ]);
  let shown = '';
  save.addEventListener('click', async () => {
    const linkedBoards = boxes.filter(entry => entry.box.checked).map(entry => entry.box.value);
    const result = await callForCard(cardId, save, () => callApi('PATCH', `${page.boardPath}/cards/${cardId}`, { linkedBoards }));
    if (!result) {
      return;
    }

    acceptCard(result.data);
    say(t('links.saved'));
  });

  return {
    fieldset,
    /** Ticks the boxes as stored, unless the facilitator is ticking them right now (the stored links changed meanwhile otherwise). */
    update(card) {
      const stored = (card.linkedBoards ?? []).join(' ');
      if (stored !== shown && !fieldset.contains(document.activeElement)) {
        shown = stored;
        boxes.forEach(entry => { entry.box.checked = (card.linkedBoards ?? []).includes(entry.box.value); });
      }
    },
  };
}

async function placeFromSelect(cardId, value) {
  if (!value) {
    await unschedule(cardId);
    return;
  }

  const [slotId, spaceId] = value.split('|');
  await schedule(cardId, slotId, spaceId);
}

/** Hides or merges a card, then offers to undo it for a while (after that the list of hidden cards still can). */
async function retire(cardId, button, method, path, body, undoText) {
  const result = await callForCard(cardId, button, () => callApi(method, `${page.boardPath}${path}`, body));
  if (!result) {
    return;
  }

  acceptCard(result.data);
  offerUndo(cardId, undoText);
  refreshRetired();
}

const undo = {
  bar: document.getElementById('undo'),
  text: document.getElementById('undo-text'),
  button: document.getElementById('undo-button'),
  cardId: null,
  timer: 0,
};
const UndoShownFor = 20000;

function offerUndo(cardId, text) {
  clearTimeout(undo.timer);
  undo.cardId = cardId;
  undo.text.textContent = text;
  undo.bar.hidden = false;
  undo.button.focus();
  undo.timer = setTimeout(() => { undo.bar.hidden = true; }, UndoShownFor);
}

/** Brings a hidden or merged card back (without dots: they went back to the voters or stay where merged). */
async function restore(cardId, button) {
  const result = await whileBusy(button, () => callApi('POST', `${page.boardPath}/cards/${cardId}/restore`));
  if (!result) {
    return;
  }

  if (!result.ok) {
    complain(result);
    return;
  }

  page.board.cards.set(cardId, normaliseCard(result.data));
  if (undo.cardId === cardId) {
    clearTimeout(undo.timer);
    undo.bar.hidden = true;
  }

  say(t('status.restored', result.data.title));
  refresh();
  refreshRetired();
}

// ---------- the board's own controls ----------

const retired = {
  panel: document.getElementById('retired'),
  list: document.getElementById('retired-list'),
  loading: null,
};

/** Reads the hidden and merged cards again while their list is open (after a change that may have added or removed one). */
export function refreshRetired() {
  if (!retired.panel?.open || retired.loading) {
    return;
  }

  retired.loading = loadRetired().finally(() => { retired.loading = null; });
}

async function loadRetired() {
  const result = await callApi('GET', `${page.boardPath}/retired`);
  if (!result.ok) {
    complain(result);
    return;
  }

  const cards = result.data.map(normaliseCard);
  retired.list.replaceChildren(...(cards.length === 0
    ? [make('li', { className: 'muted', textContent: t('retired.none') })]
    : cards.map(card => {
      const into = card.mergedInto ? page.board.cards.get(card.mergedInto) : null;
      const status = card.status === 'merged'
        ? t('retired.merged', into?.title ?? '…')
        : t('retired.hidden');
      const button = make('button', { type: 'button', className: 'secondary', textContent: t('retired.restore') });
      button.setAttribute('aria-label', `${t('retired.restore')}: ${card.title}`);
      button.addEventListener('click', () => restore(card.cardId, button));
      return make('li', {}, [make('span', { className: 'retired-title', textContent: card.title }), make('span', { className: 'muted', textContent: status }), button]);
    })));
}

/** Answers a facilitator's call with a status line, or the reason it was refused. */
async function run(method, path, body, done) {
  const result = await callApi(method, `${page.boardPath}${path}`, body);
  if (result.ok) {
    say(t(done));
  } else {
    complain(result);
  }
}

/** The board's state buttons, hidden counts, the round timer and the restore list, in the facilitator's panel. */
export function wireControls() {
  elements.controls?.addEventListener('click', event => {
    const button = event.target.closest('[data-state]');
    if (button) {
      run('PUT', '/state', { state: button.dataset.state }, `status.state.${button.dataset.state}`);
    }
  });

  elements.dotsHidden?.addEventListener('click', async () => {
    const hidden = elements.dotsHidden.getAttribute('aria-pressed') !== 'true';
    const result = await whileBusy(elements.dotsHidden, () => callApi('PUT', `${page.boardPath}/dots-hidden`, { hidden }));
    if (result?.ok) {
      // The setting itself travels only in snapshots: keep it from the answer (the counts follow by the live feed).
      page.board.hideDotsWhileVoting = result.data.hideDotsWhileVoting;
      say(t(hidden ? 'status.dotsHidden' : 'status.dotsShown'));
      refresh();
    } else if (result) {
      complain(result);
    }
  });

  document.getElementById('round-form')?.addEventListener('submit', event => {
    event.preventDefault();
    const form = new FormData(event.target);
    run('PUT', '/round', { label: String(form.get('label') ?? '').trim(), minutes: Number(form.get('minutes')) }, 'status.roundStarted');
  });

  document.getElementById('round-stop')?.addEventListener('click', () => run('DELETE', '/round', undefined, 'status.roundStopped'));
  retired.panel?.addEventListener('toggle', refreshRetired);
  undo.button?.addEventListener('click', () => restore(undo.cardId, undo.button));
}
