// Calls the HTTP API v1 as the signed-in member: the page's cookie goes with every same-origin request.
import { t, has } from './texts.js';

// A 503 means a silo is failing over or storage is restarting: it passes within seconds. Idempotent writes (a dot
// is a PUT of the whole count) are sent again with growing pauses, and the person is told their change is on its way.
const retriedMethods = new Set(['PUT', 'DELETE']);
const maxRetries = 6;
const maxPauseMs = 8000;

/** Sends a JSON request; resolves to { ok, status, data, problem } and never throws for HTTP errors. */
export async function callApi(method, path, body) {
  let result = await send(method, path, body);
  for (let attempt = 0; result.status === 503 && retriedMethods.has(method) && attempt < maxRetries; attempt++) {
    showReconnecting(true);
    await pause(Math.min(maxPauseMs, result.retryAfterMs * 2 ** attempt));
    result = await send(method, path, body);
  }

  showReconnecting(false);
  return result;
}

async function send(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, data: null, problem: { type: 'network' } };
  }

  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const data = isJson ? await response.json().catch(() => null) : null;
  const retryAfterMs = 1000 * (Number(response.headers.get('Retry-After')) || 1);
  return response.ok
    ? { ok: true, status: response.status, data, problem: null }
    : { ok: false, status: response.status, data: null, problem: data ?? { status: response.status }, retryAfterMs };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One polite status line for the whole page, shown while a write waits for the service to come back. */
function showReconnecting(visible) {
  let status = document.getElementById('reconnecting');
  if (!status && visible) {
    status = document.createElement('p');
    status.id = 'reconnecting';
    status.className = 'reconnecting';
    status.setAttribute('role', 'status');
    status.textContent = t('api.reconnecting');
    document.body.append(status);
  }

  if (status) {
    status.hidden = !visible;
  }
}

/** A sentence for the person: the resource text for the problem's type, else what the server said. */
export function explain(result) {
  const problem = result.problem ?? {};
  const slug = String(problem.type ?? '').split(/[/#]/).pop();
  if (slug && has(`problem.${slug}`)) {
    return t(`problem.${slug}`);
  }

  if (result.status === 429) {
    return t('problem.too-many');
  }

  if (result.status === 401 || result.status === 403) {
    return t('problem.forbidden');
  }

  return problem.detail ?? problem.title ?? t('problem.unknown');
}

/** A page's status line: `say` reports what was done, `complain` why a call was refused; each clears the other. */
export function statusLine(status, problem) {
  return {
    say(text) {
      problem.textContent = '';
      status.textContent = text;
    },
    complain(result) {
      status.textContent = '';
      problem.textContent = explain(result);
    },
  };
}
