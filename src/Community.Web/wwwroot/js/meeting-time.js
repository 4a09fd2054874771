// Meeting times across zones: a time zone field left empty gets the browser's zone, and a meeting time shown in
// the meeting's zone (an element with data-zone holding <time datetime> elements) also gets the viewer's own
// time when their zone differs.
import { t } from './texts.js';

export const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const language = document.documentElement.lang || undefined;

for (const field of document.querySelectorAll('input[data-browser-zone]')) {
  if (!field.value && browserZone) {
    field.value = browserZone;
  }
}

/** "10:00" in the given zone (the viewer's when none is given). */
export function clock(iso, timeZone) {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** "10:00" or "Sat, 5 Dec, 10:00" in the viewer's zone, the date only when it is not the same day there. */
function format(moment, withDate) {
  return new Intl.DateTimeFormat(language, withDate
    ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(moment);
}

/** Adds "(… your time)" to every element with data-zone whose zone is not the viewer's. */
export function showLocalTimes(root = document) {
  for (const element of root.querySelectorAll('[data-zone]')) {
    const target = element.querySelector('.local-time');
    const times = [...element.querySelectorAll('time[datetime]')].map(time => new Date(time.getAttribute('datetime')));
    if (!target || times.length === 0 || element.dataset.zone === browserZone) {
      continue;
    }

    const [start, end] = times;
    const text = format(start, true) + (end ? `–${format(end, end.toDateString() !== start.toDateString())}` : '');
    target.textContent = t('time.yours', text);
    target.hidden = false;
  }
}

showLocalTimes();
