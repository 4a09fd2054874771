// Texts come from the server's resource files, rendered into the page as JSON (<script type="application/json" id="texts">).
const texts = JSON.parse(document.getElementById('texts')?.textContent ?? '{}');

/** The localized text for a key, with {0}, {1}… replaced by the arguments. */
export function t(key, ...args) {
  const template = texts[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, index) => String(args[Number(index)] ?? ''));
}

/** Whether the resource files have a text for this key. */
export function has(key) {
  return key in texts;
}

// CLDR plural rules of the page's language (<html lang>): English and Bulgarian say "1 dot" / "1 точка" but
// "2 dots" / "2 точки"; other languages may have more forms (few, many), each a key of its own.
const pluralRules = new Intl.PluralRules(document.documentElement.lang || 'en');

/** The text for a count: `key.one`, `key.few`… as the language's rules choose, falling back to `key.other`. */
export function plural(key, count, ...args) {
  const form = `${key}.${pluralRules.select(count)}`;
  return t(has(form) ? form : `${key}.other`, ...args);
}
