/**
 * Rules for pairs of intents that share almost every word and differ in one verb, where a bag-of-words model
 * is weakest: `lpse.subscribe` versus `lpse.unsubscribe` ("langganan tender" / "berhenti langganan tender")
 * and `complaint.file` versus `complaint.status` ("mau lapor" / "laporan saya sudah sampai mana").
 * They only reorder the two intents of a pair when the classifier already put one of them on top.
 */
import type { IntentName } from '../core/understanding.js';

const STOP_WORDS = /\b(berhenti|henti|hentikan|berhentikan|stop|hapus|hapuskan|cabut|batalkan|batal|matikan|nonaktifkan|non aktifkan|off|unsubscribe|unsub|keluarkan|keluar dari|tidak usah|jangan|tidak mau|tidak ingin|tidak perlu|tidak butuh)\b/;
const START_WORDS = /\b(langganan|berlangganan|daftar|daftarkan|aktifkan|hidupkan|kirimi|kirimkan|subscribe|ikut|mau dapat|ingin dapat|notif|notifikasi|pengingat|alert|kabari)\b/;
const STATUS_CUES = /\b(cek|status|sudah|belum|bagaimana|kabar|progres|progress|perkembangan|tindak lanjut|ditindaklanjuti|sampai mana|ditanggapi|tanggapan|balasan|dibalas|respon|respons|hasil|kapan|lama|diproses|proses|selesai|nasib|lacak)\b/;
const FILE_CUES = /\b(mau|ingin|akan|bikin|buat|membuat|menyampaikan|sampaikan|ngadu|mengadu|adukan|form|formulir|cara|caranya|melapor|lapor)\b/;

/** Swaps two intents' probabilities in `dist`. */
function swap(dist: Map<IntentName, number>, a: IntentName, b: IntentName): void {
  const pa = dist.get(a) ?? 0;
  dist.set(a, dist.get(b) ?? 0);
  dist.set(b, pa);
}

/**
 * Applies the pair rules to `dist` (in place) for normalised text `norm` whose current best intent is `top`.
 * Returns the name of the rule that changed something, if any.
 */
export function applyPolarityRules(dist: Map<IntentName, number>, norm: string, top: IntentName, hasTicket: boolean): string | undefined {
  if (top === 'lpse.subscribe' && STOP_WORDS.test(norm)) {
    swap(dist, 'lpse.subscribe', 'lpse.unsubscribe');
    return 'lpse-stop-verb';
  }
  if (top === 'lpse.unsubscribe' && !STOP_WORDS.test(norm) && START_WORDS.test(norm)) {
    swap(dist, 'lpse.subscribe', 'lpse.unsubscribe');
    return 'lpse-start-verb';
  }
  if (top === 'complaint.status' && !hasTicket && !STATUS_CUES.test(norm) && FILE_CUES.test(norm)) {
    swap(dist, 'complaint.file', 'complaint.status');
    return 'complaint-file-cue';
  }
  return undefined;
}
