/**
 * The complaints map: open tickets with a pin, coloured by category, over the city's kelurahan boundaries, with
 * Leaflet served from the project itself (no CDN). Tiles are optional (`DASHBOARD_TILE_URL`): without them the map
 * still shows the boundaries and the pins. Office officers see their office's tickets only.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Translate } from '../../core/i18n.js';
import { dataPath } from '../../core/data-path.js';
import { COMPLAINT_CATEGORIES } from '../../core/understanding.js';
import type { ComplaintService } from '../../features/complaints/complaint-service.js';
import { OPEN_STATES } from '../../features/complaints/states.js';
import { officerHeader, requireRole } from './auth-plugin.js';
import { html, page, raw } from './html.js';

/** Pins drawn at most (newest first). */
const MAX_PINS = 5000;

/** One colour per complaint category, in the order of the category list. */
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd'];

/** Registers `/admin/map`, `/admin/map.json` and the map's static assets. */
export function mapPages(deps: { service: ComplaintService; t: Translate; tileUrl?: string }): (dashboard: FastifyInstance) => Promise<void> {
  const { service, t } = deps;
  const leafletDir = path.dirname(createRequire(import.meta.url).resolve('leaflet/package.json'));
  const boundaries = readFileSync(dataPath('geo', 'kota_probolinggo_kelurahan.geojson'), 'utf8');
  const colours = Object.fromEntries(COMPLAINT_CATEGORIES.map((c, i) => [c, COLOURS[i % COLOURS.length]!]));
  return async (dashboard) => {
    await dashboard.register(fastifyStatic, { root: path.join(leafletDir, 'dist'), prefix: '/assets/leaflet/', decorateReply: false, maxAge: '1d' });
    const officers = requireRole('coordinator', 'office');
    dashboard.get('/assets/kelurahan.geojson', { preHandler: officers }, async (_req, reply) => reply.type('application/geo+json').send(boundaries));
    dashboard.get('/map.json', { preHandler: officers }, async (req) => {
      const officer = req.officer!;
      const q = req.query as Record<string, string | undefined>;
      const category = COMPLAINT_CATEGORIES.find((c) => c === q.category);
      const { items } = await service.repo.list({
        states: [...OPEN_STATES],
        ...(officer.role === 'office' && officer.office ? { offices: [officer.office] } : {}),
        ...(category && { categories: [category] }),
        order: 'newest',
        withTotal: false,
        limit: MAX_PINS,
        offset: 0,
      });
      return {
        type: 'FeatureCollection',
        features: items
          .filter((c) => c.location.point)
          .map((c) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [c.location.point!.lon, c.location.point!.lat] },
            // What a popup shows; the page puts it in as text, never as HTML.
            properties: { ticket: c.ticket, category: t(`complaint.category.${c.category}`), colour: colours[c.category], state: t(`dashboard.state.${c.state}`), kelurahan: c.location.kelurahan ?? '' },
          })),
      };
    });
    dashboard.get('/map', { preHandler: officers }, async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      const category = COMPLAINT_CATEGORIES.find((c) => c === q.category) ?? '';
      const config = JSON.stringify({ data: `/admin/map.json${category ? `?category=${category}` : ''}`, boundaries: '/admin/assets/kelurahan.geojson', tiles: deps.tileUrl ?? null });
      const body = html`<h1>${t('dashboard.map.title')}</h1>
<form method="get" action="/admin/map" class="card"><label for="m-cat">${t('dashboard.inbox.filter.category')}</label>
<select id="m-cat" name="category"><option value="">${t('dashboard.inbox.filter.any')}</option>${COMPLAINT_CATEGORIES.map((c) => html`<option value="${c}"${c === category ? html` selected` : ''}>${t(`complaint.category.${c}`)}</option>`)}</select>
<button type="submit">${t('dashboard.inbox.filter.apply')}</button></form>
<div class="card"><div id="map" style="height:70vh;min-height:320px" data-config="${config}"></div>
<p class="muted" id="map-count"></p>
<ul class="legend">${COMPLAINT_CATEGORIES.map((c) => html`<li><span style="color:${colours[c]!}">●</span> ${t(`complaint.category.${c}`)}</li>`)}</ul></div>
<link rel="stylesheet" href="/admin/assets/leaflet/leaflet.css">
<script src="/admin/assets/leaflet/leaflet.js"></script>
<script>${raw(MAP_SCRIPT)}</script>`;
      return reply.type('text/html; charset=utf-8').send(page(t('dashboard.map.title'), body, { header: officerHeader(req) }));
    });
  };
}

/** The page's script: boundaries, then pins; popup text is set as text (no HTML from data). */
const MAP_SCRIPT = `
(function(){
  var el = document.getElementById('map');
  var cfg = JSON.parse(el.getAttribute('data-config'));
  var map = L.map(el, { preferCanvas: true });
  if (cfg.tiles) L.tileLayer(cfg.tiles, { maxZoom: 19 }).addTo(map);
  fetch(cfg.boundaries, { credentials: 'same-origin' }).then(function(r){ return r.json(); }).then(function(geo){
    var layer = L.geoJSON(geo, { style: { color: '#52606d', weight: 1, fillOpacity: 0.04 } }).addTo(map);
    map.fitBounds(layer.getBounds());
    return fetch(cfg.data, { credentials: 'same-origin' });
  }).then(function(r){ return r.json(); }).then(function(data){
    data.features.forEach(function(f){
      var p = f.properties, c = f.geometry.coordinates;
      var box = document.createElement('div');
      var a = document.createElement('a'); a.href = '/admin/complaints/' + encodeURIComponent(p.ticket); a.textContent = p.ticket;
      box.appendChild(a);
      box.appendChild(document.createTextNode(' · ' + p.category + ' · ' + p.state + (p.kelurahan ? ' · Kel. ' + p.kelurahan : '')));
      L.circleMarker([c[1], c[0]], { radius: 6, color: p.colour, fillColor: p.colour, fillOpacity: 0.8 }).bindPopup(box).addTo(map);
    });
    document.getElementById('map-count').textContent = data.features.length + ' pin';
    el.setAttribute('data-ready', String(data.features.length));
  });
})();
`;
