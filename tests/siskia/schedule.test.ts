/**
 * The SISKIA schedule engine. Every expected date is worked out by hand (day of year, days per month) and written
 * as a literal, never computed with the code under test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SCHEDULE_FILE,
  ScheduleInputError,
  ancSchedule,
  fromHpl,
  fullSchedule,
  gestationalAge,
  immunisationSchedule,
  loadScheduleData,
  newbornSchedule,
  nextVisits,
  parseDateId,
  postpartumSchedule,
  pregnancyFromHpht,
  vitaminASchedule,
  type PlannedVisit,
} from '../../src/features/siskia/schedule.js';

/** code → [windowStart, windowEnd, due] for compact comparisons. */
function windows(visits: PlannedVisit[]): Record<string, [string, string, string]> {
  return Object.fromEntries(visits.map((v) => [v.code, [v.windowStart, v.windowEnd, v.due]]));
}

/** The ScheduleInputError code `fn` throws (fails when it throws something else or nothing). */
function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ScheduleInputError);
    return (err as ScheduleInputError).code;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('HPL and HPHT', () => {
  it('HPL = HPHT + 280 days, across month ends and a leap day', () => {
    expect(pregnancyFromHpht('2026-03-01').hpl).toBe('2026-12-06');
    expect(pregnancyFromHpht('2024-02-29').hpl).toBe('2024-12-05');
    expect(pregnancyFromHpht('2026-01-31').hpl).toBe('2026-11-07');
  });

  it('HPHT = HPL − 280 days when only the HPL is known', () => {
    expect(fromHpl('2026-12-06')).toEqual({ hpht: '2026-03-01', hpl: '2026-12-06', basis: 'hpl' });
    expect(fromHpl('2027-01-01').hpht).toBe('2026-03-27');
  });

  it('gestational age in completed weeks and days', () => {
    expect(gestationalAge('2026-03-01', '2026-03-01')).toEqual({ weeks: 0, days: 0 });
    expect(gestationalAge('2026-03-01', '2026-05-13')).toEqual({ weeks: 10, days: 3 });
    expect(gestationalAge('2026-03-01', '2026-12-06')).toEqual({ weeks: 40, days: 0 });
  });

  it('rejects an HPHT in the future and one more than 44 weeks ago; 44 weeks exactly is accepted', () => {
    expect(errorCode(() => pregnancyFromHpht('2026-03-02', { today: '2026-03-01' }))).toBe('future');
    expect(errorCode(() => gestationalAge('2026-03-02', '2026-03-01'))).toBe('future');
    expect(errorCode(() => fromHpl('2027-06-01', { today: '2026-03-01' }))).toBe('future');
    expect(pregnancyFromHpht('2026-03-01', { today: '2027-01-03' }).hpl).toBe('2026-12-06');
    expect(errorCode(() => pregnancyFromHpht('2026-03-01', { today: '2027-01-04' }))).toBe('too_old');
    expect(errorCode(() => pregnancyFromHpht('2026-02-31'))).toBe('invalid_date');
  });

  it('an HPHT long ago is fine once the birth is recorded, a birth before 20 weeks or after 44 is not', () => {
    expect(pregnancyFromHpht('2026-03-01', { today: '2027-06-01', birth: '2026-12-06' }).term).toBe('term');
    expect(errorCode(() => pregnancyFromHpht('2026-03-01', { today: '2027-06-01', birth: '2026-07-01' }))).toBe('conflict');
    expect(errorCode(() => pregnancyFromHpht('2026-03-01', { today: '2027-06-01', birth: '2027-01-04' }))).toBe('too_old');
    expect(errorCode(() => pregnancyFromHpht('2026-03-01', { today: '2026-11-01', birth: '2026-11-02' }))).toBe('future');
  });
});

describe('ANC (Kemenkes 1-2-3, completed weeks)', () => {
  it('K1–K6 for HPHT 2026-03-01: trimester windows, the recommended weeks, K1 and K5 with a doctor', () => {
    const anc = ancSchedule('2026-03-01');
    expect(windows(anc)).toEqual({
      K1: ['2026-03-01', '2026-05-30', '2026-04-26'], // 0w0d–12w6d, due 8w
      K2: ['2026-05-31', '2026-08-22', '2026-06-21'], // 13w0d–24w6d, due 16w
      K3: ['2026-05-31', '2026-08-22', '2026-08-02'], // due 22w
      K4: ['2026-08-23', '2026-12-06', '2026-09-13'], // 25w0d–birth (HPL while unknown), due 28w
      K5: ['2026-08-23', '2026-12-06', '2026-10-11'], // due 32w
      K6: ['2026-08-23', '2026-12-06', '2026-11-08'], // due 36w
    });
    expect(anc.filter((v) => v.withDoctor).map((v) => v.code)).toEqual(['K1', 'K5']);
    expect(anc.every((v) => v.track === 'anc')).toBe(true);
  });

  it('a birth at 35 weeks is preterm and drops the remaining ANC visits', () => {
    const s = fullSchedule({ hpht: '2026-03-01', births: [{ childId: 'a', date: '2026-11-01' }], today: '2026-11-10' });
    expect(s.pregnancy).toMatchObject({ birth: '2026-11-01', gestationalAgeAtBirth: { weeks: 35, days: 0 }, term: 'preterm' });
    expect(s.pregnancy?.gestationalAge).toBeUndefined();
    const anc = s.visits.filter((v) => v.track === 'anc');
    expect(anc.map((v) => v.code)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5']);
    expect(anc.find((v) => v.code === 'K5')?.windowEnd).toBe('2026-10-31');
  });

  it('term boundaries: 36w6d preterm, 37w0d term, 41w6d term, 42w0d post-term', () => {
    const term = (birth: string) => pregnancyFromHpht('2026-03-01', { birth }).term;
    expect(term('2026-11-14')).toBe('preterm');
    expect(term('2026-11-15')).toBe('term');
    expect(term('2026-12-19')).toBe('term');
    expect(term('2026-12-20')).toBe('postterm');
    const late = ancSchedule('2026-03-01', { birth: '2026-12-20' });
    expect(late.map((v) => v.code)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6']);
    expect(late.at(-1)?.windowEnd).toBe('2026-12-06');
  });
});

describe('after birth (born 2026-01-30; the birth date is day 0)', () => {
  it('KF1 6 h–2 d, KF2 day 3–7, KF3 day 8–28, KF4 day 29–42', () => {
    expect(windows(postpartumSchedule('2026-01-30'))).toEqual({
      KF1: ['2026-01-30', '2026-02-01', '2026-01-31'],
      KF2: ['2026-02-02', '2026-02-06', '2026-02-02'],
      KF3: ['2026-02-07', '2026-02-27', '2026-02-07'],
      KF4: ['2026-02-28', '2026-03-13', '2026-02-28'],
    });
  });

  it('KN1 6–48 h, SHK 48–72 h, KN2 day 3–7, KN3 day 8–28', () => {
    expect(windows(newbornSchedule('2026-01-30'))).toEqual({
      KN1: ['2026-01-30', '2026-02-01', '2026-01-31'],
      SHK: ['2026-02-01', '2026-02-02', '2026-02-01'],
      KN2: ['2026-02-02', '2026-02-06', '2026-02-02'],
      KN3: ['2026-02-07', '2026-02-27', '2026-02-07'],
    });
  });
});

describe('immunisation (born 2026-01-31: calendar months clamp to the month end)', () => {
  const imm = immunisationSchedule('2026-01-31');
  const w = windows(imm);

  it('1 month after 31 January is 28 February (luxon plus({months: 1}) clamps), not 3 March', () => {
    expect(w.BCG).toEqual(['2026-02-28', '2026-03-30', '2026-02-28']);
    expect(w.OPV1).toEqual(w.BCG);
    expect(immunisationSchedule('2024-01-31').find((v) => v.code === 'BCG')?.due).toBe('2024-02-29');
  });

  it('the programme ages, each window ending the day before the next month of age', () => {
    expect(w.HB0).toEqual(['2026-01-31', '2026-02-01', '2026-01-31']);
    for (const code of ['DPT-HB-Hib1', 'OPV2', 'PCV1', 'RV1']) expect(w[code]).toEqual(['2026-03-31', '2026-04-29', '2026-03-31']);
    for (const code of ['DPT-HB-Hib2', 'OPV3', 'PCV2', 'RV2']) expect(w[code]).toEqual(['2026-04-30', '2026-05-30', '2026-04-30']);
    for (const code of ['DPT-HB-Hib3', 'OPV4', 'IPV1', 'RV3']) expect(w[code]).toEqual(['2026-05-31', '2026-06-29', '2026-05-31']);
    for (const code of ['MR1', 'IPV2']) expect(w[code]).toEqual(['2026-10-31', '2026-11-29', '2026-10-31']);
    expect(w.PCV3).toEqual(['2027-01-31', '2027-02-27', '2027-01-31']);
    for (const code of ['DPT-HB-Hib4', 'MR2']) expect(w[code]).toEqual(['2027-07-31', '2028-01-30', '2027-07-31']);
    expect(imm).toHaveLength(20);
  });

  it('rotavirus no later than 6 months 29 days', () => {
    expect(imm.find((v) => v.code === 'RV3')?.latest).toBe('2026-08-29'); // 31 Jul (6 mo) + 29 days
    expect(imm.filter((v) => v.latest).map((v) => v.code)).toEqual(['RV1', 'RV2', 'RV3']);
    expect(immunisationSchedule('2026-01-01').find((v) => v.code === 'RV3')?.latest).toBe('2026-07-30');
  });
});

describe('vitamin A (February and August)', () => {
  it('born 2026-03-10: too young in August 2026 (4 months), blue in February 2027 (11 months), then red', () => {
    expect(vitaminASchedule('2026-03-10', '2026-12-31')).toEqual([]);
    const rounds = vitaminASchedule('2026-03-10', '2028-12-31');
    expect(rounds.map((v) => [v.code, v.windowStart, v.windowEnd, v.due])).toEqual([
      ['VITA-BIRU-2027-02', '2027-02-01', '2027-02-28', '2027-02-01'],
      ['VITA-MERAH-2027-08', '2027-08-01', '2027-08-31', '2027-08-01'],
      ['VITA-MERAH-2028-02', '2028-02-01', '2028-02-29', '2028-02-01'],
      ['VITA-MERAH-2028-08', '2028-08-01', '2028-08-31', '2028-08-01'],
    ]);
    expect(rounds[0]?.label.id).toContain('biru');
    const all = vitaminASchedule('2026-03-10');
    expect(all).toHaveLength(9);
    expect(all.at(-1)?.code).toBe('VITA-MERAH-2031-02'); // 59 months; 60 months is 2031-03-10
  });

  it("a round's window starts on the day the child reaches the age band", () => {
    expect(windows(vitaminASchedule('2026-02-15', '2027-03-31'))).toEqual({
      'VITA-BIRU-2026-08': ['2026-08-15', '2026-08-31', '2026-08-15'],
      'VITA-MERAH-2027-02': ['2027-02-15', '2027-02-28', '2027-02-15'],
    });
  });
});

describe('fullSchedule and nextVisits', () => {
  it("while pregnant: ANC only, with today's gestational age and the schedule version", () => {
    const s = fullSchedule({ hpht: '2026-03-01', today: '2026-05-13' });
    expect(s).toMatchObject({ version: '2026.1', effective: '2026-01-01', today: '2026-05-13', children: [] });
    expect(s.pregnancy).toMatchObject({ hpht: '2026-03-01', hpl: '2026-12-06', gestationalAge: { weeks: 10, days: 3 } });
    expect(nextVisits(s, '2026-05-13', 2).map((v) => [v.code, v.due])).toEqual([
      ['K1', '2026-04-26'], // overdue but its window is open until 2026-05-30
      ['K2', '2026-06-21'],
    ]);
    expect(nextVisits(s, '2026-05-31', 1)[0]?.code).toBe('K2');
  });

  it("a midwife's HPL overrides the HPHT", () => {
    const s = fullSchedule({ hpht: '2026-03-01', hpl: '2026-12-13', today: '2026-05-13' });
    expect(s.pregnancy).toMatchObject({ hpht: '2026-03-08', hpl: '2026-12-13', basis: 'hpl', reportedHpht: '2026-03-01' });
  });

  it('twins born across midnight: one set of KF visits, newborn and immunisation visits per child', () => {
    const s = fullSchedule({
      hpht: '2026-03-01',
      births: [
        { childId: 'a', date: '2026-12-05' },
        { childId: 'b', date: '2026-12-06' },
      ],
      today: '2026-12-10',
    });
    expect(s.visits.filter((v) => v.code === 'KF1').map((v) => v.windowStart)).toEqual(['2026-12-06']);
    expect(s.visits.filter((v) => v.code === 'HB0').map((v) => [v.childId, v.due])).toEqual([
      ['a', '2026-12-05'],
      ['b', '2026-12-06'],
    ]);
    expect(s.visits.map((v) => v.due)).toEqual([...s.visits.map((v) => v.due)].sort());
  });

  it('an older child born before the HPHT does not end the pregnancy', () => {
    const s = fullSchedule({ hpht: '2026-03-01', births: [{ childId: 'kakak', date: '2024-05-01' }], today: '2026-05-13' });
    expect(s.pregnancy?.birth).toBeUndefined();
    expect(s.visits.filter((v) => v.track === 'anc')).toHaveLength(6);
    expect(s.visits.some((v) => v.childId === 'kakak' && v.track === 'vita')).toBe(true);
  });

  it('rejects nothing to plan from, future births and duplicate child ids', () => {
    expect(errorCode(() => fullSchedule({ today: '2026-05-13' }))).toBe('missing');
    expect(errorCode(() => fullSchedule({ births: [{ childId: 'a', date: '2026-05-14' }], today: '2026-05-13' }))).toBe('future');
    const twice = [
      { childId: 'a', date: '2026-05-01' },
      { childId: 'a', date: '2026-05-01' },
    ];
    expect(errorCode(() => fullSchedule({ births: twice, today: '2026-05-13' }))).toBe('conflict');
    expect(errorCode(() => fullSchedule({ hpht: '2026-06-01', today: '2026-05-13' }))).toBe('future');
  });
});

describe('parseDateId', () => {
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['14/03/2026', '2026-03-14'],
    ['14-3-2026', '2026-03-14'],
    ['14.3.26', '2026-03-14'],
    ['14 Maret 2026', '2026-03-14'],
    ['14 mar 26', '2026-03-14'],
    ['Sabtu, 14 Maret 2026', '2026-03-14'],
    ['tgl 17 agustus 2026', '2026-08-17'],
    ['1 Agt 2026', '2026-08-01'],
    ['5 Des 2026', '2026-12-05'],
    ['10 Mei 2026', '2026-05-10'],
    ['10 Pebruari 2026', '2026-02-10'],
    ['14 March 2026', '2026-03-14'],
    ['March 14, 2026', '2026-03-14'],
    ['29 Februari 2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateId(text)).toBe(iso);
  });

  it.each(['31/02/2026', '29 feb 2025', '2026-13-01', '32 Maret 2026', 'bulan lalu', 'kemarin', '14 Marst 2026', '14/3-2026', ''])(
    '%j → undefined',
    (text) => {
      expect(parseDateId(text)).toBeUndefined();
    },
  );
});

describe('the schedule file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'siskia-schedule-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const original = () => JSON.parse(readFileSync(SCHEDULE_FILE, 'utf8')) as Record<string, any>;
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('the shipped file is valid and says its ANC convention', () => {
    const data = loadScheduleData();
    expect(data.version).toBe('2026.1');
    expect(data.ancConvention.name).toBe('kemenkes-1-2-3');
    expect(data.ancConvention.trimesters.map((t) => t.visits)).toEqual([1, 2, 3]);
  });

  it('a bad file is an Error naming the file and the entry', () => {
    const noWindow = original();
    delete noWindow.immunisation[1].window.before;
    const file = write('no-window.json', noWindow);
    expect(() => loadScheduleData(file)).toThrow(file);
    expect(() => loadScheduleData(file)).toThrow(/immunisation\[1\] \(BCG\)\.window/);

    const lateDue = original();
    lateDue.postpartum[1].due = { days: 9 };
    expect(() => loadScheduleData(write('late-due.json', lateDue))).toThrow(/kf KF2: "due" must lie inside the window/);

    const leaves = original();
    leaves.anc[1].window.from = { weeks: 12 };
    expect(() => loadScheduleData(write('leaves.json', leaves))).toThrow(/anc K2: the window leaves trimester 2/);

    expect(() => loadScheduleData(write('broken.json', '{ nope'))).toThrow(/broken\.json: cannot read it as JSON/);
  });

  it('a schedule change is a data change: the 2020 Buku KIA 2-1-3 convention with trimester 2 ending at 26 weeks', () => {
    const old = original();
    old.version = '2020-buku-kia';
    old.ancConvention.name = 'buku-kia-2020-2-1-3';
    old.ancConvention.trimesters = [
      { trimester: 1, from: { weeks: 0 }, to: { weeks: 12, days: 6 }, visits: 2 },
      { trimester: 2, from: { weeks: 13 }, to: { weeks: 26, days: 6 }, visits: 1 },
      { trimester: 3, from: { weeks: 27 }, to: 'birth', visits: 3 },
    ];
    Object.assign(old.anc[1], { trimester: 1, window: { from: { weeks: 0 }, to: { weeks: 12, days: 6 } }, due: { weeks: 12 } });
    Object.assign(old.anc[2], { window: { from: { weeks: 13 }, to: { weeks: 26, days: 6 } }, due: { weeks: 20 } });
    for (const v of old.anc.slice(3)) v.window.from = { weeks: 27 };
    const data = loadScheduleData(write('buku-kia-2020.json', old));
    expect(windows(ancSchedule('2026-03-01', { data }))).toMatchObject({
      K2: ['2026-03-01', '2026-05-30', '2026-05-24'], // due 12w = 84 days
      K3: ['2026-05-31', '2026-09-05', '2026-07-19'], // to 26w6d = 188 days, due 20w = 140 days
      K4: ['2026-09-06', '2026-12-06', '2026-09-13'], // from 27w = 189 days
    });
    expect(fullSchedule({ hpht: '2026-03-01', today: '2026-05-13', data }).version).toBe('2020-buku-kia');
  });
});
