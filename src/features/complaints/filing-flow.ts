/**
 * The conversation that files a complaint: fills the draft from the first message, asks for each missing slot one
 * question at a time, offers nearby open reports to support instead of a duplicate, shows a summary to confirm,
 * edit or cancel, and files it with its ticket, office and deadline.
 */
import { randomUUID } from 'node:crypto';
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Choice, Reply } from '../../core/messages.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../core/understanding.js';
import type { CityMap } from '../../geo/city-map.js';
import type { ComplaintService } from './complaint-service.js';
import { contactOf } from '../../core/contact.js';
import {
  CATEGORY_CONFIDENCE,
  type Draft,
  guessType,
  incidentDateFrom,
  isDescriptive,
  isVaguePlace,
  locationFromEntities,
  MAX_PHOTOS,
  nextSlot,
  type Slot,
  todayWib,
} from './draft.js';
import { PRIVACY_MODES, REPORT_TYPES, type PrivacyMode } from './model.js';

/** How far around a pin open reports of the same category are offered for support. */
export const NEARBY_RADIUS_M = 250;

/** Longest description kept (the rest of a very long message is cut, and the resident told). */
export const MAX_DESCRIPTION = 3000;

const SKIP = /^(lewati|lewat|skip|tidak ada|gak ada|ga ada|nggak ada|tidak tahu|gak tau|ga tau|nggak tahu|ndak tau|lanjut|selesai|sudah|udah|next)$/i;

const EDITABLE: Slot[] = ['type', 'category', 'description', 'location', 'photos', 'date', 'privacy'];

/** Builds the filing flow. */
export function filingFlow(deps: { service: ComplaintService; map: CityMap }): Flow {
  const { service, map } = deps;

  const ask = async (ctx: TurnContext, d: Draft, lead: string[] = []): Promise<FlowStep> => {
    const slot = nextSlot(d);
    if (!slot) return afterSlots(ctx, d, lead);
    return { replies: [withLead(lead, question(ctx, slot, d))], next: { step: slot, data: d as unknown as Record<string, unknown> } };
  };

  const afterSlots = async (ctx: TurnContext, d: Draft, lead: string[]): Promise<FlowStep> => {
    const point = d.location?.point;
    if (point && !d.nearbyChecked && d.category) {
      d.nearbyChecked = true;
      const near = (await service.nearbyOpen(d.category, point.lat, point.lon, NEARBY_RADIUS_M, (a, b) => map.distanceM(a, b))).slice(0, 3);
      if (near.length) {
        const { t } = ctx;
        const lines = near.map((n, i) =>
          t('complaint.nearby.item', { n: i + 1, ticket: n.complaint.ticket, summary: short(n.complaint.description, 60), distance: Math.round(n.distanceM), state: t(`complaint.state.${n.complaint.state}`) }),
        );
        const choices: Choice[] = near.map((n) => ({ label: t('complaint.nearby.support', { ticket: n.complaint.ticket }), value: `support:${n.complaint.ticket}` }));
        choices.push({ label: t('complaint.nearby.new'), value: 'new' });
        return { replies: [withLead(lead, { text: [t('complaint.nearby.intro'), ...lines].join('\n'), choices })], next: { step: 'nearby', data: d as unknown as Record<string, unknown> } };
      }
    }
    return summary(ctx, d, lead);
  };

  const summary = (ctx: TurnContext, d: Draft, lead: string[] = []): FlowStep => {
    const { t } = ctx;
    d.editing = false;
    const lines = [
      t('complaint.summary.title'),
      t('complaint.summary.type', { value: t(`complaint.type.${d.type}`) }),
      t('complaint.summary.category', { value: t(`complaint.category.${d.category}`) }),
      t('complaint.summary.description', { value: short(d.description ?? '', 300) }),
      t('complaint.summary.location', { value: placeLabel(ctx, d) }),
      t('complaint.summary.photos', { count: d.photos.length }),
      t('complaint.summary.date', { value: d.incidentDate ? service.calendar.formatDate(new Date(`${d.incidentDate}T12:00:00+07:00`), ctx.locale) : t('complaint.summary.unknown') }),
      t('complaint.summary.privacy', { value: t(`complaint.privacy.${d.privacy}.label`) }),
      t('complaint.summary.office', { value: service.officeName(service.router.route({ category: d.category!, kelurahanCode: d.location?.kelurahanCode, locationText: d.location?.text }).office) }),
    ];
    const choices: Choice[] = [
      { label: t('complaint.summary.send'), value: 'send' },
      { label: t('complaint.summary.edit'), value: 'edit' },
      { label: t('complaint.summary.cancel'), value: 'cancel' },
    ];
    return { replies: [withLead(lead, { text: lines.join('\n'), choices })], next: { step: 'summary', data: d as unknown as Record<string, unknown> } };
  };

  /** Takes a photo sent at any point (up to the limit); returns the lines to say about it. */
  const takePhoto = (ctx: TurnContext, d: Draft): string[] => {
    const photo = ctx.message.photo;
    if (!photo) return [];
    if (d.photos.length >= MAX_PHOTOS) return [ctx.t('complaint.photos.max', { max: MAX_PHOTOS })];
    d.photos.push({ fileId: photo.fileId, ...(photo.caption ? { caption: photo.caption } : {}) });
    return [ctx.t('complaint.photos.got', { count: d.photos.length, max: MAX_PHOTOS })];
  };

  /** Fills one slot from the answer; returns lines to say when the answer could not be used (the slot stays empty). */
  const fill = async (ctx: TurnContext, slot: Slot, d: Draft): Promise<Reply | undefined> => {
    const { t, text, choice } = ctx;
    const said = (choice ?? text).trim();
    switch (slot) {
      case 'type': {
        const type = REPORT_TYPES.find((r) => r === said || said.toLowerCase().startsWith(r.slice(0, 5)));
        if (!type) return question(ctx, 'type', d, t('complaint.ask.pick_one'));
        d.type = type;
        return undefined;
      }
      case 'description': {
        if (!text || text.split(/\s+/).length < 3) return { text: t('complaint.description.short') };
        d.description = text.slice(0, MAX_DESCRIPTION);
        if (!d.category) {
          const u = ctx.understanding();
          if (u.category && u.category.confidence >= CATEGORY_CONFIDENCE) d.category = u.category.label;
          d.location ??= locationFromEntities(u);
          if (d.incidentDate === undefined) d.incidentDate = incidentDateFrom(u, ctx.now);
        }
        if (text.length > MAX_DESCRIPTION) return { text: t('complaint.description.cut', { max: MAX_DESCRIPTION }) };
        return undefined;
      }
      case 'category': {
        const category = COMPLAINT_CATEGORIES.find((c) => c === said) ?? (text ? categoryFromText(ctx) : undefined);
        if (!category) return question(ctx, 'category', d, t('complaint.ask.pick_one'));
        d.category = category;
        if (category === 'pungli' && !d.privacy) d.privacy = 'rahasia';
        return undefined;
      }
      case 'location':
        return fillLocation(ctx, d);
      case 'photos':
        if (ctx.message.photo) return undefined;
        if (SKIP.test(said) || said === 'skip_photos') {
          d.photosDone = true;
          return undefined;
        }
        return question(ctx, 'photos', d);
      case 'date': {
        if (SKIP.test(said) || said === 'skip_date') {
          d.incidentDate = null;
          return undefined;
        }
        if (said === 'today') {
          d.incidentDate = todayWib(ctx.now);
          return undefined;
        }
        const u = ctx.understanding();
        const future = u.entities.dates[0] && !incidentDateFrom(u, ctx.now);
        const date = incidentDateFrom(u, ctx.now);
        if (!date) return question(ctx, 'date', d, t(future ? 'complaint.date.future' : 'complaint.date.unclear'));
        d.incidentDate = date;
        return undefined;
      }
      case 'privacy': {
        const mode = PRIVACY_MODES.find((m) => m === said.toLowerCase());
        if (!mode) return question(ctx, 'privacy', d, t('complaint.ask.pick_one'));
        d.privacy = mode as PrivacyMode;
        return undefined;
      }
    }
  };

  const fillLocation = (ctx: TurnContext, d: Draft): Reply | undefined => {
    const { t, message, text } = ctx;
    if (message.location) {
      const { lat, lon } = message.location;
      let where;
      try {
        where = map.locate(lat, lon);
      } catch {
        return { text: t('complaint.location.bad_pin'), requestLocation: true };
      }
      if (where.status === 'outside') {
        return { text: t('complaint.location.outside', { km: (where.distanceM / 1000).toFixed(1) }), requestLocation: true };
      }
      d.location = { ...(d.location?.text ? { text: d.location.text } : {}), point: { lat, lon }, kelurahan: where.area.kelurahan, kelurahanCode: where.area.kelurahanCode, kecamatan: where.area.kecamatan };
      return undefined;
    }
    if (!text) return question(ctx, 'location', d);
    const u = ctx.understanding();
    const found = locationFromEntities(u);
    if (!found && isVaguePlace(text)) return { text: t('complaint.location.vague'), requestLocation: true };
    const kel = found?.kelurahanCode ? map.kelurahan(found.kelurahanCode) : undefined;
    d.location = { text: text.slice(0, 300), ...(kel ? { kelurahan: kel.kelurahan, kelurahanCode: kel.kelurahanCode, kecamatan: kel.kecamatan } : {}) };
    return undefined;
  };

  const file = async (ctx: TurnContext, d: Draft): Promise<FlowStep> => {
    const { t } = ctx;
    const { complaint } = await service.file({
      idempotencyKey: `${ctx.user.userId}:${d.id}`,
      draft: {
        type: d.type!,
        category: d.category!,
        description: d.description!,
        location: d.location!,
        photos: d.photos,
        ...(d.incidentDate ? { incidentDate: d.incidentDate } : {}),
        privacy: d.privacy!,
      },
      reporter: contactOf(ctx),
      source: 'chat',
      at: ctx.now,
    });
    const text = [
      t('complaint.filed.ticket', { ticket: complaint.ticket }),
      t('complaint.filed.office', { office: service.officeName(complaint.office) }),
      t('complaint.filed.due', { verify: service.calendar.formatDate(complaint.verifyDueAt, ctx.locale), due: service.calendar.formatDate(complaint.responseDueAt, ctx.locale) }),
      t(`complaint.filed.privacy_${complaint.privacy}`),
      t('complaint.filed.check', { ticket: complaint.ticket }),
    ].join('\n');
    return { replies: [{ text }], next: null };
  };

  const flow: Flow = {
    name: 'complaints.file',
    intents: ['complaint.file'],
    expiredKey: 'complaint.expired',

    async start(ctx) {
      const d: Draft = { id: randomUUID(), photos: [] };
      const lead = takePhoto(ctx, d);
      const u = ctx.understanding();
      const body = ctx.text || ctx.message.photo?.caption || '';
      if (body && isDescriptive(body, u)) {
        d.type = guessType(u.normalized);
        d.description = body.slice(0, MAX_DESCRIPTION);
        if (u.category && u.category.confidence >= CATEGORY_CONFIDENCE) d.category = u.category.label;
        d.location = locationFromEntities(u);
        if (d.location?.kelurahanCode) d.location = { ...d.location, kecamatan: map.kelurahan(d.location.kelurahanCode)?.kecamatan };
        d.incidentDate = incidentDateFrom(u, ctx.now);
        if (d.category === 'pungli') d.privacy = 'rahasia';
        lead.push(ctx.t('complaint.understood', { category: d.category ? ctx.t(`complaint.category.${d.category}`) : ctx.t('complaint.category.unknown') }));
      } else {
        lead.push(ctx.t('complaint.intro'));
      }
      return ask(ctx, d, lead);
    },

    async resume(ctx, step, data) {
      const d = data as unknown as Draft;
      d.photos ??= [];
      const lead = takePhoto(ctx, d);
      if (step === 'nearby') {
        const picked = ctx.choice ?? '';
        if (picked.startsWith('support:')) {
          const { complaint, added } = await service.support(picked.slice('support:'.length), contactOf(ctx), ctx.now);
          return { replies: [{ text: ctx.t(added ? 'complaint.supported' : 'complaint.already_supporting', { ticket: complaint.ticket, count: complaint.supporterCount }) }], next: null };
        }
        if (picked === 'new') return summary(ctx, d, lead);
        return { replies: [withLead(lead, { text: ctx.t('complaint.ask.pick_one') })], next: { step, data } };
      }
      if (step === 'summary') {
        if (ctx.message.photo) return summary(ctx, d, lead);
        if (ctx.choice === 'send' || /^(kirim|ya|iya|ok|oke|benar|betul|setuju|yes|send)$/i.test(ctx.text)) return file(ctx, d);
        if (ctx.choice === 'edit' || /^(ubah|edit|ganti|koreksi)$/i.test(ctx.text)) {
          const choices = EDITABLE.map((s) => ({ label: ctx.t(`complaint.field.${s}`), value: `edit:${s}` }));
          return { replies: [{ text: ctx.t('complaint.edit.which'), choices }], next: { step: 'edit', data } };
        }
        return summary(ctx, d, [ctx.t('complaint.summary.pick')]);
      }
      if (step === 'edit') {
        const slot = (ctx.choice ?? '').startsWith('edit:') ? (ctx.choice!.slice(5) as Slot) : undefined;
        if (!slot || !EDITABLE.includes(slot)) return { replies: [{ text: ctx.t('complaint.ask.pick_one') }], next: { step, data } };
        d.editing = true;
        if (slot === 'photos') d.photos = [];
        return { replies: [question(ctx, slot, d)], next: { step: slot, data: d as unknown as Record<string, unknown> } };
      }
      const slot = step as Slot;
      if (ctx.message.location && slot !== 'location') {
        // A pin while another question is open: it is where the problem is; take it and ask the question again.
        const problem = fillLocation(ctx, d);
        if (problem) return { replies: [withLead(lead, problem)], next: { step, data: d as unknown as Record<string, unknown> } };
        d.nearbyChecked = false;
        lead.push(ctx.t('complaint.location.got', { place: placeLabel(ctx, d) }));
        return { replies: [withLead(lead, question(ctx, slot, d))], next: { step, data: d as unknown as Record<string, unknown> } };
      }
      if (ctx.message.photo && slot !== 'photos' && !ctx.text) {
        // A photo while another question is open: keep it, ask the question again.
        return { replies: [withLead(lead, question(ctx, slot, d))], next: { step, data } };
      }
      const problem = await fill(ctx, slot, d);
      if (problem) return { replies: [withLead(lead, problem)], next: { step, data: d as unknown as Record<string, unknown> } };
      if (slot === 'photos' && ctx.message.photo && d.photos.length < MAX_PHOTOS) {
        return { replies: [withLead(lead, { text: ctx.t('complaint.photos.more'), choices: [{ label: ctx.t('complaint.photos.done'), value: 'skip_photos' }] })], next: { step, data } };
      }
      if (slot === 'photos' && d.photos.length >= MAX_PHOTOS) d.photosDone = true;
      if (d.editing) {
        if (slot === 'location') d.nearbyChecked = false;
        if (slot === 'photos' && !d.photosDone) d.photosDone = true;
        return d.location?.point && !d.nearbyChecked ? afterSlots(ctx, d, lead) : summary(ctx, d, lead);
      }
      return ask(ctx, d, lead);
    },
  };
  return flow;

  function categoryFromText(ctx: TurnContext): ComplaintCategory | undefined {
    const u = ctx.understanding();
    const said = ctx.text.toLowerCase();
    const byLabel = COMPLAINT_CATEGORIES.find((c) => ctx.t(`complaint.category.${c}`).toLowerCase() === said);
    if (byLabel) return byLabel;
    return u.category && u.category.confidence >= CATEGORY_CONFIDENCE ? u.category.label : undefined;
  }
}

/** The question for a slot, with its buttons. */
function question(ctx: TurnContext, slot: Slot, d: Draft, lead?: string): Reply {
  const { t } = ctx;
  const withLine = (text: string) => (lead ? `${lead}\n${text}` : text);
  switch (slot) {
    case 'type':
      return { text: withLine(t('complaint.ask.type')), choices: REPORT_TYPES.map((r) => ({ label: t(`complaint.type.${r}`), value: r })) };
    case 'description':
      return { text: withLine(t('complaint.ask.description')) };
    case 'category':
      return { text: withLine(t('complaint.ask.category')), choices: COMPLAINT_CATEGORIES.map((c) => ({ label: t(`complaint.category.${c}`), value: c })) };
    case 'location':
      return { text: withLine(t('complaint.ask.location')), requestLocation: true };
    case 'photos':
      return { text: withLine(t('complaint.ask.photos', { max: MAX_PHOTOS, count: d.photos.length })), choices: [{ label: t('complaint.photos.skip'), value: 'skip_photos' }] };
    case 'date':
      return {
        text: withLine(t('complaint.ask.date')),
        choices: [
          { label: t('complaint.date.today'), value: 'today' },
          { label: t('complaint.date.skip'), value: 'skip_date' },
        ],
      };
    case 'privacy':
      return {
        text: withLine([t('complaint.ask.privacy'), ...PRIVACY_MODES.map((m) => t(`complaint.privacy.${m}.explain`))].join('\n')),
        choices: PRIVACY_MODES.map((m) => ({ label: t(`complaint.privacy.${m}.label`), value: m })),
      };
  }
}

function withLead(lead: string[], reply: Reply): Reply {
  return lead.length ? { ...reply, text: [...lead, reply.text].join('\n') } : reply;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function placeLabel(ctx: TurnContext, d: Draft): string {
  const loc = d.location;
  if (!loc) return '-';
  const parts = [loc.text, loc.point ? ctx.t('complaint.summary.pin') : undefined, loc.kelurahan ? `Kel. ${loc.kelurahan}${loc.kecamatan ? `, Kec. ${loc.kecamatan}` : ''}` : undefined];
  return parts.filter(Boolean).join(' · ');
}
