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
