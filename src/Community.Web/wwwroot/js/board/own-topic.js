// My own topic on the board: edit its title and description, or withdraw it (its dots go back to the voters).
// Only the author sees these controls; the server checks the same.
import { callApi } from '../api.js';
import { t } from '../texts.js';
import { page, make, say } from './page.js';
import { acceptCard } from './dots.js';
import { callForCard } from './feedback.js';
import { createConfirm } from './confirm.js';

export function isMine(card) {
  return Boolean(page.me) && card.authorId === page.me;
}

/** The author's buttons and the two small panels they open (edit form, withdraw confirmation), hidden until asked. */
export function createOwnTools(cardId) {
  const editButton = make('button', { type: 'button', className: 'secondary own-edit', textContent: t('own.edit') });
  const withdrawButton = make('button', { type: 'button', className: 'secondary own-withdraw', textContent: t('own.withdraw') });
  const titleId = `own-title-${cardId}`;
  const descriptionId = `own-description-${cardId}`;
  const title = make('input', { id: titleId, name: 'title', maxLength: 120, required: true, autocomplete: 'off' });
  const description = make('textarea', { id: descriptionId, name: 'description', maxLength: 2000 });
  const save = make('button', { type: 'submit', textContent: t('own.save') });
  const cancel = make('button', { type: 'button', className: 'secondary', textContent: t('own.cancel') });
  const form = make('form', { className: 'own-form', hidden: true, noValidate: true }, [
    make('label', { htmlFor: titleId, textContent: t('own.titleLabel') }), title,
    make('label', { htmlFor: descriptionId, textContent: t('own.descriptionLabel') }), description,
    make('div', { className: 'actions' }, [save, cancel]),
  ]);
  const confirm = createConfirm(t('own.withdrawConfirm'), t('own.keep'));
  const buttons = make('div', { className: 'own-tools' }, [editButton, withdrawButton]);
  const tools = { ownEdit: editButton, ownWithdraw: withdrawButton, ownButtons: buttons, ownForm: form, ownConfirm: confirm.panel, ownTitle: title, ownDescription: description };

  editButton.addEventListener('click', () => {
    const card = page.board.cards.get(cardId);
    title.value = card.title;
    description.value = card.description ?? '';
    confirm.close();
    form.hidden = false;
    title.focus();
  });
  cancel.addEventListener('click', () => { form.hidden = true; editButton.focus(); });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const result = await callForCard(cardId, save, () => callApi('PATCH', `${page.boardPath}/cards/${cardId}`, {
      title: title.value.trim(),
      description: description.value.trim(),
    }));
    if (!result) {
      return;
    }

    form.hidden = true;
    acceptCard(result.data);
    say(t('own.saved'));
  });

  withdrawButton.addEventListener('click', () => {
    form.hidden = true;
    const card = page.board.cards.get(cardId);
    confirm.ask(t('own.withdrawQuestion', card.title), async button => {
      const result = await callForCard(cardId, button, () => callApi('DELETE', `${page.boardPath}/cards/${cardId}`));
      if (!result) {
        return;
      }

      acceptCard(result.data);
      say(t('own.withdrawn', card.title));
    }, withdrawButton);
  });

  return tools;
}

/** Shows the author's tools on their own topics while the board takes changes. */
export function updateOwnTools(parts, card) {
  const editable = isMine(card) && page.board.state !== 'locked';
  parts.ownButtons.hidden = !editable;
  if (!editable) {
    parts.ownForm.hidden = true;
    parts.ownConfirm.hidden = true;
  }

  parts.ownEdit.setAttribute('aria-label', `${t('own.edit')}: ${card.title}`);
  parts.ownWithdraw.setAttribute('aria-label', `${t('own.withdraw')}: ${card.title}`);
}
