// Calls the HTTP API v1 as the signed-in member: the page's cookie goes with every same-origin request.
import { t, has } from './texts.js';

/** Sends a JSON request; resolves to { ok, status, data, problem } and never throws for HTTP errors. */
export async function callApi(method, path, body) {
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
  return response.ok
    ? { ok: true, status: response.status, data, problem: null }
    : { ok: false, status: response.status, data: null, problem: data ?? { status: response.status } };
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
