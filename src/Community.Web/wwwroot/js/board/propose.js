// Proposing a topic (or adding a card to a glocal lane).
import { callApi } from '../api.js';
import { t } from '../texts.js';
import { normaliseCard } from '../live.js';
import { page, elements, say, complain, refresh } from './page.js';

export function wirePropose() {
  const form = elements.proposeForm;
  form?.addEventListener('submit', async event => {
    event.preventDefault();
    const fields = new FormData(form);
    const title = String(fields.get('title') ?? '').trim();
    if (!title) {
      elements.problem.textContent = t('propose.titleRequired');
      form.elements.title.focus();
      return;
    }

    const description = String(fields.get('description') ?? '').trim();
    const lane = fields.get('lane') || undefined;
    const result = await callApi('POST', `${page.boardPath}/cards`, { lane, title, description: description || undefined });
    if (!result.ok) {
      complain(result);
      return;
    }

    form.reset();
    const board = page.board;
    if (board && result.data?.cardId && !board.cards.has(result.data.cardId)) {
      board.cards.set(result.data.cardId, normaliseCard(result.data));
      refresh();
    }

    say(t('status.proposed', title));
  });
}
