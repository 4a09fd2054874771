// The facilitator's tools: per-card placing, merging and hiding, the board's state and the round timer.
import { callApi } from '../api.js';
import { t } from '../texts.js';
import { activeCards } from '../live.js';
import { page, elements, make, say, complain } from './page.js';
import { cellLabel, hasGrid, schedule, unschedule } from './grid.js';

export function createFacilitatorTools(cardId, element) {
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

async function placeFromSelect(cardId, value) {
  if (!value) {
    await unschedule(cardId);
    return;
  }

  const [slotId, spaceId] = value.split('|');
  await schedule(cardId, slotId, spaceId);
}

function merge(cardId, intoCardId) {
  if (intoCardId) {
    run('POST', `/cards/${cardId}/merge`, { intoCardId }, 'status.merged');
  }
}

function hide(cardId) {
  run('DELETE', `/cards/${cardId}`, undefined, 'status.hidden');
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

/** The board's state buttons and the round timer, in the facilitator's panel. */
export function wireControls() {
  elements.controls?.addEventListener('click', event => {
    const button = event.target.closest('[data-state]');
    if (button) {
      run('PUT', '/state', { state: button.dataset.state }, `status.state.${button.dataset.state}`);
    }
  });

  document.getElementById('round-form')?.addEventListener('submit', event => {
    event.preventDefault();
    const form = new FormData(event.target);
    run('PUT', '/round', { label: String(form.get('label') ?? '').trim(), minutes: Number(form.get('minutes')) }, 'status.roundStarted');
  });

  document.getElementById('round-stop')?.addEventListener('click', () => run('DELETE', '/round', undefined, 'status.roundStopped'));
}
