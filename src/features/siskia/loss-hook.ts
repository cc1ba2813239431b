/**
 * A pregnancy or a baby lost (keguguran, bayi meninggal): before anything else, one compassionate message with a
 * contact, and every pregnancy and baby message stops at once and for good. Runs ahead of the danger-sign hook,
 * whose "go to hospital now" would be the wrong answer to a loss that already happened.
 */
import type { SafetyHook } from '../../core/flow.js';
import type { SiskiaService } from './siskia-service.js';

const LOSS =
  /\b(keguguran|kguguran|kegugurn|gugur kandungan|janin(nya| saya)? (sudah )?(meninggal|tidak berkembang|tak bernyawa)|bayi(nya| saya| kami| ku)? (sudah |telah )?(meninggal|wafat|tiada|tidak selamat|tak tertolong|lahir mati)|anak(nya)? saya (sudah |telah )?(meninggal|wafat)|lahir (dalam keadaan )?mati|meninggal (di|dalam) kandungan|kehilangan (bayi|janin|kandungan|calon bayi)|tidak ada detak jantung( janin)?|bayine (wis |wes )?(seda|mati|ninggal)|keguguran)\b/i;

/** Whether a message tells of a pregnancy or baby lost. */
export function isLoss(text: string): boolean {
  return LOSS.test(text.toLowerCase().replace(/\s+/g, ' '));
}

/** The loss hook: records the loss on her registration (if any) and answers once, gently. */
export function lossHook(service: SiskiaService): SafetyHook {
  return {
    name: 'siskia.loss',
    async check(ctx) {
      if (!ctx.text || !isLoss(ctx.text)) return null;
      await service.recordLoss(ctx.user.userId, ctx.now);
      return { replies: [{ text: ctx.t('siskia.loss') }], stop: true };
    },
  };
}
