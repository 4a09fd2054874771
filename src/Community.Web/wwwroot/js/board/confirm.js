// A small "are you sure?" panel inside a card: the question, a button that does it and one that keeps things as
// they are. Used before anything that takes a card off the board (withdraw, hide, merge).
import { make } from './page.js';

/**
 * @param {string} confirmLabel the button that goes ahead; @param {string} keepLabel the one that does not.
 * @returns {{ panel: HTMLElement, ask(question: string, action: (button: HTMLElement) => Promise<void>, returnFocus: HTMLElement): void, close(): void }}
 */
export function createConfirm(confirmLabel, keepLabel) {
  const question = make('p');
  const go = make('button', { type: 'button', className: 'danger', textContent: confirmLabel });
  const keep = make('button', { type: 'button', className: 'secondary', textContent: keepLabel });
  const panel = make('div', { className: 'confirm', hidden: true }, [question, make('div', { className: 'actions' }, [go, keep])]);
  panel.setAttribute('role', 'group');
  let pending = null;
  let focusBack = null;

  const close = () => {
    panel.hidden = true;
    pending = null;
  };
  keep.addEventListener('click', () => {
    close();
    focusBack?.focus();
  });
  go.addEventListener('click', async () => {
    const action = pending;
    if (action) {
      await action(go);
      close();
    }
  });

  return {
    panel,
    ask(text, action, returnFocus) {
      question.textContent = text;
      pending = action;
      focusBack = returnFocus;
      panel.hidden = false;
      keep.focus();
    },
    close,
  };
}
