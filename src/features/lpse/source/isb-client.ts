/**
 * The ISB / INAPROC Satu Data adapter: the official JSON datasets of SPSE (tender announcements, their schedules,
 * non-tender announcements) for one K/L/PD and year, behind the same {@link TenderSource} port as the website.
 *
 * The dataset URLs differ per deployment (legacy ISB URLs carry dataset ids and `{tahun}:{kd_klpd}` parameters;
 * the data.inaproc.id gateway takes `kode_klpd` and `tahun` query parameters and an API key), so they are
 * configuration: see {@link IsbEndpoints} and {@link endpointTemplate}. Answers may be a bare JSON array or a
 * `{ data, meta: { has_more, cursor } }` envelope, which is followed page by page.
 */
import { inWib, systemClock, type Clock } from '../../../core/clock.js';
import { SourceFormatError, SourceUnavailableError } from './errors.js';
import {
  checkIsbRows,
  isbNonTenderRowSchema,
  isbNonTenderToTender,
  isbSchedules,
  isbStageRowSchema,
  isbTenderRowSchema,
  isbTenderToTender,
  type IsbNonTenderRow,
  type IsbTenderRow,
} from './isb-records.js';
import { PoliteHttp, type PoliteHttpOptions } from './polite-http.js';
import { isOpenStage } from './tender-stage.js';
import type { Stage, Tender, TenderDetail, TenderSource } from './tender.js';

/** Where each dataset of a fiscal year is. */
export interface IsbEndpoints {
  /** SPSE-TenderPengumuman of `year`. */
  tenders(year: number): string;
  /** SPSE-JadwalTahapanTender of `year`. */
  schedules(year: number): string;
  /** SPSE-NonTenderPengumuman of `year` (optional: without it only tenders are listed). */
  nonTenders?(year: number): string;
}

/** A URL template with `{tahun}` (or `{year}`) as an endpoint function. */
export function endpointTemplate(template: string): (year: number) => string {
  if (!/\{(?:tahun|year)\}/.test(template)) {
    throw new Error(`ISB endpoint template "${template}" has no {tahun} placeholder: add one where the year goes.`);
  }
  return (year) => template.replace(/\{(?:tahun|year)\}/g, encodeURIComponent(String(year)));
}

/** Options of {@link IsbClient}. */
export interface IsbClientOptions extends PoliteHttpOptions {
  endpoints: IsbEndpoints;
  /** Extra request headers, e.g. the API key header the gateway asks for. */
  headers?: Record<string, string>;
  /** Base URL for package links, e.g. "https://spse.inaproc.id/probolinggokota"; default each row's `url_lpse`. */
  lpseBaseUrl?: string;
  /** Cursor pages followed per dataset at most (default 200). */
  maxPages?: number;
  /** Where "now" comes from (current stage names, default years for {@link IsbClient.detail}). */
  clock?: Clock;
  /** Share an HTTP client (and its queue) with other adapters. */
  http?: PoliteHttp;
}

/** One fiscal year as loaded. */
interface IsbYear {
  tenders: IsbTenderRow[];
  nonTenders: IsbNonTenderRow[];
  schedules: Map<string, Stage[]>;
}

/** ISB / INAPROC JSON datasets as a {@link TenderSource}. */
export class IsbClient implements TenderSource {
  private readonly http: PoliteHttp;
  private readonly endpoints: IsbEndpoints;
  private readonly headers: Record<string, string>;
  private readonly lpseBaseUrl?: string;
  private readonly maxPages: number;
  private readonly clock: Clock;
  private readonly loaded = new Map<number, IsbYear>();

  constructor(options: IsbClientOptions) {
    this.http = options.http ?? new PoliteHttp(options);
    this.endpoints = options.endpoints;
    this.headers = options.headers ?? {};
    this.lpseBaseUrl = options.lpseBaseUrl;
    this.maxPages = options.maxPages ?? 200;
    this.clock = options.clock ?? systemClock;
  }

  /** Tenders (and non-tenders, when configured) of `year` whose ISB status says they are running. */
  async listOpen(year: number): Promise<Tender[]> {
    return this.list(year, true);
  }

  /** Every tender (and non-tender, when configured) of `year`, whatever its ISB status. Datasets are fetched afresh. */
  async listYear(year: number): Promise<Tender[]> {
    this.loaded.delete(year);
    return this.list(year, false);
  }

  private async list(year: number, openOnly: boolean): Promise<Tender[]> {
    const data = await this.load(year);
    const options = { lpseBaseUrl: this.lpseBaseUrl, now: this.clock.now() };
    const tenders = data.tenders
      .filter((row) => row.tahun_anggaran === year && (!openOnly || isOpenStage(row.status_tender)))
      .map((row) => isbTenderToTender(row, data.schedules.get(row.kd_tender) ?? [], options));
    const nonTenders = data.nonTenders
      .filter((row) => row.tahun_anggaran === year && (!openOnly || isOpenStage(row.status_nontender ?? '')))
      .map((row) => isbNonTenderToTender(row, options));
    return [...tenders, ...nonTenders];
  }

  /**
   * Fields and schedule of package `kode`, from the years already loaded, else from the current and previous
   * WIB year. Fails with {@link SourceUnavailableError} when no loaded dataset has it.
   */
  async detail(kode: string): Promise<TenderDetail> {
    const current = inWib(this.clock.now()).year;
    const years = [...new Set([...this.loaded.keys(), current, current - 1])];
    for (const year of years) {
      const data = this.loaded.get(year) ?? (await this.load(year));
      const options = { lpseBaseUrl: this.lpseBaseUrl, now: this.clock.now() };
      const tender = data.tenders.find((row) => row.kd_tender === kode);
      if (tender) {
        const schedule = data.schedules.get(kode) ?? [];
        return { ...isbTenderToTender(tender, schedule, options), schedule };
      }
      const nonTender = data.nonTenders.find((row) => row.kd_nontender === kode);
      if (nonTender) return { ...isbNonTenderToTender(nonTender, options), schedule: [] };
    }
    throw new SourceUnavailableError(`Package ${kode} is not in the ISB datasets of ${years.join(', ')}`, {
      url: this.endpoints.tenders(current),
      hint: 'ISB publishes with a delay of a day or more: try again later or ask the SPSE website source.',
    });
  }

  /** Download and check the datasets of `year` (kept for {@link detail}). */
  private async load(year: number): Promise<IsbYear> {
    const tenderUrl = this.endpoints.tenders(year);
    const scheduleUrl = this.endpoints.schedules(year);
    const tenders = checkIsbRows(await this.fetchDataset(tenderUrl), isbTenderRowSchema, 'SPSE-TenderPengumuman');
    const stageRows = checkIsbRows(await this.fetchDataset(scheduleUrl), isbStageRowSchema, 'SPSE-JadwalTahapanTender');
    const nonTenderUrl = this.endpoints.nonTenders?.(year);
    const nonTenders = nonTenderUrl
      ? checkIsbRows(await this.fetchDataset(nonTenderUrl), isbNonTenderRowSchema, 'SPSE-NonTenderPengumuman')
      : [];
    const data = { tenders, nonTenders, schedules: isbSchedules(stageRows) };
    this.loaded.set(year, data);
    return data;
  }

  /** Every row of one dataset, following `meta.cursor` pages when the answer is an envelope. */
  async fetchDataset(url: string): Promise<unknown[]> {
    const rows: unknown[] = [];
    let next: string | undefined = url;
    for (let page = 1; next; page++) {
      if (page > this.maxPages) {
        throw new SourceFormatError(`more than ${this.maxPages} cursor pages`, {
          field: 'meta.cursor',
          location: url,
          hint: 'The cursor may not advance: check the API, or raise maxPages.',
        });
      }
      const body = await this.fetchJson(next);
      const pageRows = this.rowsOf(body, next);
      rows.push(...pageRows.rows);
      next = pageRows.cursor ? withCursor(url, pageRows.cursor) : undefined;
    }
    return rows;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await this.http.request({
      url,
      headers: { Accept: 'application/json', ...this.headers },
      retryOn: (status) => status === 429 || status >= 500,
    });
    if (response.status < 200 || response.status >= 300) {
      throw new SourceUnavailableError('The ISB API answered with an HTTP error', {
        url,
        status: response.status,
        hint:
          response.status === 401 || response.status === 403
            ? 'Check the API key header in the ISB client options.'
            : 'Check the dataset URL; try again later.',
      });
    }
    const body = response.body.trimStart();
    if (body.startsWith('<')) {
      throw new SourceFormatError('expected JSON but got an HTML page', {
        field: 'ISB response',
        value: body,
        location: url,
        hint: 'The dataset URL is probably wrong (the API answers an HTML page for unknown datasets) or a login/WAF page came back: open it in a browser.',
      });
    }
    try {
      return JSON.parse(body);
    } catch (err) {
      throw new SourceFormatError('the answer is not valid JSON', {
        field: 'ISB response',
        value: body,
        location: url,
        cause: err,
        hint: 'The answer may be cut off: try again; if it persists, download it by hand and check it.',
      });
    }
  }

  private rowsOf(body: unknown, url: string): { rows: unknown[]; cursor?: string } {
    if (Array.isArray(body)) return { rows: body };
    if (body && typeof body === 'object') {
      const envelope = body as { success?: unknown; data?: unknown; error?: unknown; meta?: unknown };
      if (envelope.success === false) {
        const error = (envelope.error ?? {}) as { message?: unknown; details?: unknown };
        const reason = `${String(error.message ?? 'unknown error')} (${String(error.details ?? 'no details')})`;
        throw new SourceUnavailableError(`The ISB API refused: ${reason}`, {
          url,
          hint: 'Check the API key and the parameters (kode_klpd, tahun); try again later if the data source is down.',
        });
      }
      if (Array.isArray(envelope.data)) {
        const meta = (envelope.meta ?? {}) as { has_more?: unknown; cursor?: unknown };
        const cursor = meta.has_more === true && typeof meta.cursor === 'string' && meta.cursor ? meta.cursor : undefined;
        return { rows: envelope.data, ...(cursor && { cursor }) };
      }
    }
    throw new SourceFormatError('expected a JSON array of rows or {data: [...]}', {
      field: 'ISB response',
      value: body,
      location: url,
    });
  }
}

/** `url` with its `cursor` query parameter set. */
function withCursor(url: string, cursor: string): string {
  const next = new URL(url);
  next.searchParams.set('cursor', cursor);
  return next.href;
}
