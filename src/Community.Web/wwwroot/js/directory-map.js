// The directory's map: Leaflet (a global L, loaded before this module) draws what /api/directory/map returns for
// the visible box and zoom: clusters made on the server (numbered circles in markercluster's look) and single
// activities with a popup. Tiles come from the configured server; when they cannot load, country outlines from
// world-atlas (through topojson-client, a global topojson) show where things are.
import { t, plural } from './texts.js';
import { browserZone } from './meeting-time.js';

const config = JSON.parse(document.getElementById('directory-map-config').textContent);
const element = document.getElementById('directory-map');
const status = document.getElementById('directory-map-status');
const language = document.documentElement.lang || undefined;

const map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([35, 15], 2);
const points = L.layerGroup().addTo(map);
let outlinesShown = false;

if (config.tiles) {
  const tiles = L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 18 });
  tiles.once('tileerror', showOutlines);
  tiles.addTo(map);
} else {
  showOutlines();
}

async function showOutlines() {
  if (outlinesShown) {
    return;
  }

  outlinesShown = true;
  const response = await fetch(config.outlines);
  const topology = await response.json();
  const countries = topojson.feature(topology, topology.objects.countries);
  const layer = L.geoJSON(countries, {
    interactive: false,
    style: { color: '#6b7280', weight: 1, fillColor: '#eef0f3', fillOpacity: 1 },
  }).addTo(map);
  layer.bringToBack();
  element.classList.add('outlines');
  element.dataset.outlines = 'true';
}

/** The visible box as the API wants it: latitudes within ±90, longitudes within ±180, West > East across the antimeridian. */
function box() {
  const bounds = map.getBounds();
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  const span = bounds.getEast() - bounds.getWest();
  if (span >= 360) {
    return [south, -180, north, 180];
  }

  const west = ((bounds.getWest() + 180) % 360 + 360) % 360 - 180;
  let east = west + span;
  if (east > 180) {
    east -= 360;
  }

  return [south, west, north, east];
}

let pending = null;
let timer = 0;

async function load() {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  const url = new URL(config.points, location.origin);
  url.searchParams.set('bbox', box().map(value => value.toFixed(5)).join(','));
  url.searchParams.set('zoom', String(map.getZoom()));
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(String(response.status));
    }

    draw((await response.json()).points);
    status.textContent = '';
  } catch (error) {
    if (error.name !== 'AbortError') {
      status.textContent = t('directory.mapFailed');
    }
  }
}

function draw(found) {
  points.clearLayers();
  let activities = 0;
  for (const point of found) {
    activities += point.count;
    points.addLayer(point.count === 1 ? single(point) : cluster(point));
  }

  element.dataset.points = String(found.length);
  element.dataset.activities = String(activities);
}

function cluster(point) {
  const size = point.count < 10 ? 'small' : point.count < 100 ? 'medium' : 'large';
  const inner = document.createElement('div');
  const number = document.createElement('span');
  number.textContent = String(point.count);
  inner.append(number);
  const marker = L.marker([point.latitude, point.longitude], {
    icon: L.divIcon({ html: inner, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) }),
    title: plural('directory.cluster', point.count, point.count),
    keyboard: true,
  });
  marker.on('click', () => map.setView([point.latitude, point.longitude], Math.min(map.getZoom() + 2, 18)));
  return marker;
}

function single(point) {
  const marker = L.circleMarker([point.latitude, point.longitude], {
    radius: 8, color: '#ffffff', weight: 2, fillColor: '#0a4bc4', fillOpacity: 1,
  });
  marker.bindPopup(() => popup(point));
  return marker;
}

function popup(point) {
  const content = document.createElement('div');
  content.className = 'map-popup';
  const title = document.createElement('a');
  title.href = `/m/${encodeURIComponent(point.meetingId)}`;
  title.textContent = point.title;
  content.append(title);
  if (point.startsAt) {
    const starts = new Date(point.startsAt);
    const when = document.createElement('p');
    const options = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    when.textContent = `${new Intl.DateTimeFormat(language, { ...options, timeZone: point.timeZone }).format(starts)} (${point.timeZone})`;
    content.append(when);
    if (point.timeZone !== browserZone) {
      const yours = document.createElement('p');
      yours.className = 'muted';
      yours.textContent = t('time.yours', new Intl.DateTimeFormat(language, options).format(starts));
      content.append(yours);
    }
  }

  return content;
}

map.on('moveend', () => {
  clearTimeout(timer);
  timer = setTimeout(load, 250);
});
load();
