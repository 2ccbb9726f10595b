import { WorkingDayCalendar } from '../../shared/calendar';
import { ConsultationParty, RequestEventKind, RequestStatus, RequestOutcome } from '../entities/request-enums';
import { computeReplyClock, type ClockEvent } from '../services/request-clock';
import { STATUTORY_RULES } from '../services/statutory-rules';

// Every expected date is counted by hand on the official calendar; "(n)" marks the n-th working
// day after day zero (the receipt, or the supplement's arrival), which is not counted.
// Spring Festival 2026: rest Sun 02-15 … Mon 02-23; Sat 02-14 and Sat 02-28 are workdays.
// National Day 2025: rest 10-01 … 10-08; Sun 09-28 and Sat 10-11 are workdays.
// National Day 2026 (with Mid-Autumn Fri 09-25): rest 09-25 and 10-01 … 10-07; Sun 09-20 and Sat 10-10 are workdays.
const calendar = WorkingDayCalendar.official();
const clock = (events: ClockEvent[], today = '2026-12-31') => computeReplyClock(events, calendar, today);
const received = (on: string): ClockEvent => ({ kind: RequestEventKind.RECEIVED, on });

describe('the reply clock (Art. 30–35)', () => {
  it('has no due date before the receipt date is confirmed (ordinary post, fax)', () => {
    const c = clock([{ kind: RequestEventKind.SUBMITTED, on: '2026-02-10' }]);
    expect(c).toMatchObject({ status: RequestStatus.AWAITING_RECEIPT, receivedOn: null, replyDueOn: null });
  });

  it('counts 20 working days from the receipt through Spring Festival 2026', () => {
    // Received Fri 02-13: Sat 14 (1), 15–23 rest, 24..27 (2–5), Sat 28 (6), 03-02..06 (7–11),
    // 09..13 (12–16), 16..19 (17–20) → Thu 03-19.
    const c = clock([received('2026-02-13')]);
    expect(c).toMatchObject({ status: RequestStatus.PROCESSING, receivedOn: '2026-02-13', replyDueOn: '2026-03-19', provisional: false });
    expect(c.steps[0]).toContain('received 2026-02-13');
    expect(c.steps.at(-1)).toContain('reply due 2026-03-19');
  });

  it('gives the supplement notice 7 working days and restarts the reply period from the supplement', () => {
    // Received Mon 02-09: 10 (1) 11 (2) 12 (3) 13 (4) Sat 14 (5), 15–23 rest, 24 (6) 25 (7) → notice by Wed 02-25.
    const waiting = clock([received('2026-02-09'), { kind: RequestEventKind.SUPPLEMENT_REQUESTED, on: '2026-02-12' }]);
    expect(waiting.supplementNoticeDueOn).toBe('2026-02-25');
    // Notice Thu 02-12 + 15: 13 (1) Sat 14 (2) 24..27 (3–6) Sat 28 (7) 03-02..06 (8–12) 09,10,11 (13–15) → Wed 03-11.
    expect(waiting).toMatchObject({ status: RequestStatus.AWAITING_SUPPLEMENT, replyDueOn: null, supplementDueOn: '2026-03-11' });
    // Supplement Thu 02-26 is the new day zero: 27 (1) Sat 28 (2) 03-02..06 (3–7) 09..13 (8–12)
    // 16..20 (13–17) 23,24,25 (18–20) → Wed 03-25.
    const restarted = clock([received('2026-02-09'), { kind: RequestEventKind.SUPPLEMENT_REQUESTED, on: '2026-02-12' }, { kind: RequestEventKind.SUPPLEMENT_RECEIVED, on: '2026-02-26' }]);
    expect(restarted).toMatchObject({ status: RequestStatus.PROCESSING, countsFrom: '2026-02-26', replyDueOn: '2026-03-25' });
    expect(restarted.steps.join('\n')).toContain('the reply period restarts');
  });

  it('uses the configured supplement period', () => {
    // Notice Thu 02-12 + 5: 13 (1) Sat 14 (2) 24 (3) 25 (4) 26 (5) → Thu 02-26.
    const c = computeReplyClock([received('2026-02-09'), { kind: RequestEventKind.SUPPLEMENT_REQUESTED, on: '2026-02-12' }], calendar, '2026-03-01', { ...STATUTORY_RULES, supplementWorkingDays: 5 });
    expect(c.supplementDueOn).toBe('2026-02-26');
  });

  describe('consultation pauses the clock across National Day 2025', () => {
    // Received Fri 09-19; without a pause: 22..26 (1–5) Sun 28 (6) 29,30 (7,8), 10-01..08 rest,
    // 09,10 (9,10) Sat 11 (11) 13..17 (12–16) 20..23 (17–20) → Thu 10-23.
    it('without consultation', () => {
      expect(clock([received('2025-09-19')]).replyDueOn).toBe('2025-10-23');
    });

    it('a third party answering early pauses only until its answer', () => {
      // Paused (09-24, 10-10]: 25 26 28 29 30 10-09 10-10 = 7 working days; 20 + 7 = 27:
      // after 10-23 (20): 24 (21) 27..31 (22–26) 11-03 (27) → Mon 11-03.
      const c = clock([
        received('2025-09-19'),
        { kind: RequestEventKind.CONSULTATION_STARTED, on: '2025-09-24', party: ConsultationParty.THIRD_PARTY },
        { kind: RequestEventKind.CONSULTATION_ANSWERED, on: '2025-10-10', party: ConsultationParty.THIRD_PARTY },
      ]);
      expect(c).toMatchObject({ pausedWorkingDays: 7, replyDueOn: '2025-11-03', status: RequestStatus.PROCESSING });
      expect(c.steps.join('\n')).toContain('third-party consultation not counted');
    });

    it('a silent third party pauses the clock for its full 15 working days', () => {
      // 09-24 + 15: 25 26 28 29 30 (5) 10-09 10 11 (8) 13..17 (13) 20 21 (15) → ends Tue 10-21.
      // 20 + 15 = 35: 10-24 (21) 27..31 (26) 11-03..07 (31) 10..13 (35) → Thu 11-13.
      const events = [received('2025-09-19'), { kind: RequestEventKind.CONSULTATION_STARTED, on: '2025-09-24', party: ConsultationParty.THIRD_PARTY }];
      expect(clock(events, '2025-10-20')).toMatchObject({ status: RequestStatus.IN_CONSULTATION, pausedWorkingDays: 15, replyDueOn: '2025-11-13' });
      expect(clock(events, '2025-10-22')).toMatchObject({ status: RequestStatus.PROCESSING, pausedWorkingDays: 15, replyDueOn: '2025-11-13' });
    });

    it('overlapping third-party and co-producer consultations are counted once', () => {
      // Third party (09-24, 10-10], co-producer (10-09, 10-15]: union (09-24, 10-15] =
      // 7 + Sat 11, 13, 14, 15 = 11; 20 + 11 = 31: 11-03 (27) 04 (28) 05 (29) 06 (30) 07 (31) → Fri 11-07.
      const c = clock([
        received('2025-09-19'),
        { kind: RequestEventKind.CONSULTATION_STARTED, on: '2025-09-24', party: ConsultationParty.THIRD_PARTY },
        { kind: RequestEventKind.CONSULTATION_STARTED, on: '2025-10-09', party: ConsultationParty.CO_PRODUCER },
        { kind: RequestEventKind.CONSULTATION_ANSWERED, on: '2025-10-10', party: ConsultationParty.THIRD_PARTY },
        { kind: RequestEventKind.CONSULTATION_ANSWERED, on: '2025-10-15', party: ConsultationParty.CO_PRODUCER },
      ]);
      expect(c).toMatchObject({ pausedWorkingDays: 11, replyDueOn: '2025-11-07' });
    });
  });

  it('adds one approved extension across National Day 2026', () => {
    // Received Mon 09-14: 15..18 (1–4) Sun 20 (5) 21..24 (6–9), Fri 25 rest, 28,29,30 (10–12),
    // 10-01..07 rest, 08,09 (13,14) Sat 10 (15) 12..16 (16–20) → Fri 10-16.
    expect(clock([received('2026-09-14')]).replyDueOn).toBe('2026-10-16');
    // +20: 19..23 (21–25) 26..30 (26–30) 11-02..06 (31–35) 09..13 (36–40) → Fri 11-13.
    const c = clock([received('2026-09-14'), { kind: RequestEventKind.EXTENDED, on: '2026-10-12', days: 20 }]);
    expect(c).toMatchObject({ replyDueOn: '2026-11-13', extendedWorkingDays: 20 });
    expect(c.steps.join('\n')).toContain('extended 20 working days');
  });

  it('adds the longer period set for an excessive request (Art. 35)', () => {
    // Fri 10-16 (20) + 5: 19..23 → Fri 10-23.
    const c = clock([received('2026-09-14'), { kind: RequestEventKind.EXCESSIVE_PERIOD_SET, on: '2026-09-20', days: 5 }]);
    expect(c.replyDueOn).toBe('2026-10-23');
  });

  it('marks a due date in the unpublished year 2027 provisional', () => {
    // From Mon 2026-12-14: 15..18 (4) 21..25 (9) 28..31 (13), 2027-01-01 holiday, 01-04..08 (18), 11, 12 (20).
    expect(clock([received('2026-12-14')])).toMatchObject({ replyDueOn: '2027-01-12', provisional: true });
  });

  it('is closed by the reply, keeping the outcome', () => {
    const c = clock([received('2026-02-13'), { kind: RequestEventKind.REPLIED, on: '2026-03-02', outcome: RequestOutcome.DISCLOSED }]);
    expect(c).toMatchObject({ status: RequestStatus.CLOSED, closedOn: '2026-03-02', outcome: RequestOutcome.DISCLOSED, replyDueOn: '2026-03-19' });
  });
});
