/**
 * What stage texts and schedules mean: is the package still running, which stage is current, and when
 * registration and offer upload close.
 */
import type { Stage } from './tender.js';

/** Status words that mean the package is over: finished, cancelled, failed or closed. */
const CLOSED = /(?:selesai|batal|dibatalkan|ditutup|gagal)/i;

/**
 * True when a stage/status text says the package is still running ("Upload Dokumen Penawaran",
 * "Paket Sedang Berjalan", ISB "Berlangsung"), false for "Tender Sudah Selesai", "Tender Batal", "Gagal/Batal",
 * "Selesai" and for an empty or "-" status.
 */
export function isOpenStage(tahap: string): boolean {
  const text = tahap.trim();
  if (text === '' || /^-+$/.test(text)) return false;
  return !CLOSED.test(text);
}

/** Offer upload: "Upload Dokumen Penawaran", "Pemasukan Dokumen Penawaran", "Pemasukan/Upload Dokumen Penawaran". */
const UPLOAD_STAGE = /^(?:upload|pemasukan|kirim)\b.*\bpenawaran\b/i;
/** Registration ends with the document download stage ("Download Dokumen Pemilihan", "… Prakualifikasi"). */
const DOWNLOAD_STAGE = /^(?:download|unduh|pengambilan)\s+dokumen\b/i;
/** Fallback for registration: the announcement stage ("Pengumuman Pascakualifikasi", "Pengumuman Pengadaan Langsung"). */
const ANNOUNCEMENT_STAGE = /^pengumuman\b(?!\s+pemenang)(?!\s+peringkat)/i;

/** Deadlines a schedule implies. */
export interface ScheduleDeadlines {
  /** End of the first document-download stage (else of the announcement stage). */
  registrationDeadline?: Date;
  /** End of the offer-upload stage. */
  uploadDeadline?: Date;
}

function endOfFirst(stages: Stage[], pattern: RegExp): Date | undefined {
  return stages.find((stage) => pattern.test(stage.name.trim()) && stage.end)?.end;
}

/**
 * Registration and upload deadlines from a schedule. SPSE does not label "the" registration deadline; the
 * homepage's "Akhir Pendaftaran" corresponds to the end of the document-download stage, so that is used, with the
 * announcement stage as fallback.
 */
export function deadlinesFromSchedule(stages: Stage[]): ScheduleDeadlines {
  const deadlines: ScheduleDeadlines = {};
  const registration = endOfFirst(stages, DOWNLOAD_STAGE) ?? endOfFirst(stages, ANNOUNCEMENT_STAGE);
  const upload = endOfFirst(stages, UPLOAD_STAGE);
  if (registration) deadlines.registrationDeadline = registration;
  if (upload) deadlines.uploadDeadline = upload;
  return deadlines;
}

/** The stage running at `now` (the latest-starting one when several overlap), or undefined. */
export function currentStage(stages: Stage[], now: Date): Stage | undefined {
  const t = now.getTime();
  let current: Stage | undefined;
  for (const stage of stages) {
    if (!stage.start || !stage.end) continue;
    if (stage.start.getTime() <= t && t <= stage.end.getTime()) {
      if (!current || stage.start.getTime() >= current.start!.getTime()) current = stage;
    }
  }
  return current;
}
