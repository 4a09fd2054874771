// The organiser's summary desk: the Markdown draft beside its preview (rendered by the server exactly as it will
// publish), generating the draft from the boards, saving, publishing and the list of published versions.
import { callApi, statusLine } from './api.js';
import { t } from './texts.js';

const root = document.getElementById('desk');
const { meetingId } = root.dataset;
const summaryPath = `/api/meetings/${meetingId}/summary`;

const elements = {
  status: document.getElementById('status'),
  problem: document.getElementById('problem'),
  text: document.getElementById('draft-text'),
  preview: document.getElementById('draft-preview'),
  generate: document.getElementById('draft-generate'),
  save: document.getElementById('draft-save'),
  publish: document.getElementById('draft-publish'),
  versions: document.getElementById('versions'),
  noVersions: document.getElementById('no-versions'),
  publicPage: document.getElementById('public-page'),
  markdownExport: document.getElementById('markdown-export'),
};

/** The Markdown as last stored, so leaving with unsaved changes can be noticed and saving twice is not needed. */
let saved = elements.text.value;

const { say, complain } = statusLine(elements.status, elements.problem);

async function renderPreview() {
  const markdown = elements.text.value;
  if (!markdown.trim()) {
    elements.preview.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('Desk.Empty') }));
    return;
  }

  const result = await callApi('POST', `${summaryPath}/preview`, { markdown });
  if (result.ok) {
    // Rendered by the server's Markdown renderer: raw HTML disabled, then sanitised.
    elements.preview.innerHTML = result.data.html;
  } else {
    complain(result);
  }
}

let previewTimer = 0;
function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(renderPreview, 400);
}

/** Runs one action with its button disabled, so a second tap does not send it twice. */
async function busy(button, pendingText, action) {
  button.disabled = true;
  say(pendingText);
  try {
    await action();
  } finally {
    button.disabled = false;
  }
}

async function save() {
  const result = await callApi('PUT', summaryPath, { markdown: elements.text.value });
  if (!result.ok) {
    complain(result);
    return false;
  }

  saved = result.data.markdown;
  return true;
}

function generate() {
  return busy(elements.generate, t('desk.generating'), async () => {
    if (elements.text.value !== saved && !window.confirm(t('desk.confirmGenerate'))) {
      say('');
      return;
    }

    const result = await callApi('POST', `${summaryPath}/draft`);
    if (!result.ok) {
      complain(result);
      return;
    }

    elements.text.value = saved = result.data.markdown;
    await renderPreview();
    say(t('desk.generated'));
  });
}

function saveDraft() {
  return busy(elements.save, t('desk.saving'), async () => {
    if (await save()) {
      say(t('desk.saved'));
    }
  });
}

function publish() {
  return busy(elements.publish, t('desk.publishing'), async () => {
    if (elements.text.value !== saved && !(await save())) {
      return;
    }

    const result = await callApi('POST', `${summaryPath}/publish`);
    if (!result.ok) {
      complain(result);
      return;
    }

    await renderVersions();
    say(t('desk.published', result.data.version));
  });
}

async function renderVersions() {
  const result = await callApi('GET', `${summaryPath}/versions`);
  if (!result.ok) {
    complain(result);
    return;
  }

  const versions = result.data;
  const language = document.documentElement.lang || undefined;
  const when = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' });
  elements.versions.replaceChildren(...versions.map(version => {
    const link = Object.assign(document.createElement('a'), {
      href: `/m/${meetingId}/summary?version=${version.version}`,
      textContent: t('Desk.Version', version.version, when.format(new Date(version.publishedAt))),
    });
    const item = document.createElement('li');
    item.append(link);
    return item;
  }));
  const published = versions.length > 0;
  elements.noVersions.hidden = published;
  elements.publicPage.hidden = !published;
  elements.markdownExport.hidden = !published;
}

elements.text.addEventListener('input', schedulePreview);
elements.generate.addEventListener('click', generate);
elements.save.addEventListener('click', saveDraft);
elements.publish.addEventListener('click', publish);
window.addEventListener('beforeunload', event => {
  if (elements.text.value !== saved) {
    event.preventDefault();
  }
});
renderPreview();
