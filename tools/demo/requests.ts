/**
 * Deterministic demo disclosure requests for one agency: every requester kind, channel and
 * outcome over 2024 to `today`, with supplements, consultations, extensions, late replies,
 * excessive requests with fees, reconsiderations and lawsuits. Plain data: the seeder drives it
 * through the real request services at the dates given.
 */
import type { DemoAgency } from './seed-types';
import { SeededRandom } from './random';
import { DEMO_AGENCIES } from './province';
import { creditCode, organisationCode, residentId } from './codes';
import { addWorkingDays, fromDay, toDay, weekdayOnOrBefore } from './dates';
import { DEFAULT_DEMO_SEED, DEMO_FIRST_DAY } from './documents';

/** Outcomes in table-3 order (the hub's RequestOutcome values). */
export const DEMO_OUTCOMES = [
  'DISCLOSED', 'PARTLY_DISCLOSED',
  'NOT_DISCLOSED_STATE_SECRET', 'NOT_DISCLOSED_OTHER_LAW', 'NOT_DISCLOSED_THREE_SECURITIES_ONE_STABILITY', 'NOT_DISCLOSED_THIRD_PARTY_RIGHTS',
  'NOT_DISCLOSED_INTERNAL_AFFAIRS', 'NOT_DISCLOSED_PROCESS_INFORMATION', 'NOT_DISCLOSED_LAW_ENFORCEMENT_CASE_FILE', 'NOT_DISCLOSED_ADMINISTRATIVE_ENQUIRY',
  'CANNOT_PROVIDE_NOT_HELD', 'CANNOT_PROVIDE_NEEDS_CREATION', 'CANNOT_PROVIDE_STILL_UNCLEAR',
  'NOT_PROCESSED_PETITION', 'NOT_PROCESSED_REPEAT', 'NOT_PROCESSED_PUBLICATION', 'NOT_PROCESSED_EXCESSIVE', 'NOT_PROCESSED_CONFIRM_OBTAINED',
  'OTHER_NO_SUPPLEMENT', 'OTHER_FEE_UNPAID', 'OTHER',
] as const;
export type DemoOutcome = (typeof DEMO_OUTCOMES)[number];

export const DEMO_REQUESTER_KINDS = [
  'NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'PUBLIC_INTEREST_ORGANISATION', 'LEGAL_SERVICE_ORGANISATION', 'OTHER_ORGANISATION',
] as const;
export const DEMO_CHANNELS = ['ONLINE', 'IN_PERSON', 'REGISTERED_POST', 'ORDINARY_POST', 'FAX'] as const;

/** One step the seeder performs, on its date. */
export type DemoRequestStep =
  | { kind: 'CONFIRM_RECEIPT'; on: string }
  | { kind: 'REQUEST_SUPPLEMENT'; on: string }
  | { kind: 'RECEIVE_SUPPLEMENT'; on: string }
  | { kind: 'START_CONSULTATION'; on: string; party: 'THIRD_PARTY' | 'CO_PRODUCER' }
  | { kind: 'ANSWER_CONSULTATION'; on: string; party: 'THIRD_PARTY' | 'CO_PRODUCER' }
  | { kind: 'EXTEND'; on: string; days: number }
  | { kind: 'MARK_EXCESSIVE'; on: string; days: number }
  | { kind: 'NOTIFY_FEE'; on: string; pages: number }
  | { kind: 'REPLY'; on: string; outcome: DemoOutcome };

export interface DemoAppeal {
  kind: 'RECONSIDERATION' | 'LITIGATION_DIRECT' | 'LITIGATION_AFTER_RECONSIDERATION';
  filedOn: string;
  result?: 'UPHELD' | 'CORRECTED' | 'OTHER';
  concludedOn?: string;
}

export interface DemoRequest {
  seq: number;
  requesterKind: (typeof DEMO_REQUESTER_KINDS)[number];
  requesterName: string;
  idNumber: string | null;
  contact: string;
  channel: (typeof DEMO_CHANNELS)[number];
  description: string;
  submittedOn: string;
  /** Known at entry (in person, registered post); otherwise a CONFIRM_RECEIPT step, or ONLINE through the public form. */
  receivedOn: string | null;
  steps: DemoRequestStep[];
  appeals: DemoAppeal[];
}

const SURNAMES = ['林', '陈', '黄', '张', '吴', '王', '郑', '李', '刘', '蔡', '杨', '许'];
const GIVEN = ['建华', '丽娟', '志强', '秀英', '晓东', '美玲', '国平', '海燕', '文斌', '婷婷', '明辉', '雅琴'];
const ORGS: Record<string, string[]> = {
  COMMERCIAL_ENTERPRISE: ['福建闽兴建设工程有限公司', '厦门海联贸易有限公司', '泉州鸿达鞋业有限公司', '福州榕城物流有限公司'],
  RESEARCH_INSTITUTION: ['福建省社会科学院经济研究所', '厦门大学公共政策研究院', '福州大学土木工程学院'],
  PUBLIC_INTEREST_ORGANISATION: ['福建省绿色家园环境友好中心', '福州市爱心助学促进会', '厦门市消费者权益保护协会'],
  LEGAL_SERVICE_ORGANISATION: ['福建闽政律师事务所', '厦门公正律师事务所', '泉州法律援助中心'],
  OTHER_ORGANISATION: ['鼓楼区某小区业主委员会', '晋江市某村村民小组', '福州市某商会'],
};
const TOPICS = [
  '年度财政预算执行情况', '重点项目审批文件', '行政处罚决定书', '专项资金分配明细', '招标采购结果', '征地补偿标准',
  '环境影响评价批复', '规划许可证及附图', '会议纪要', '内部考核办法', '统计调查原始数据', '政策制定依据',
];
const KIND_WEIGHTS = [['NATURAL_PERSON', 58], ['COMMERCIAL_ENTERPRISE', 18], ['RESEARCH_INSTITUTION', 6], ['PUBLIC_INTEREST_ORGANISATION', 6], ['LEGAL_SERVICE_ORGANISATION', 6], ['OTHER_ORGANISATION', 6]] as const;
const COMMON_OUTCOMES = [['DISCLOSED', 40], ['PARTLY_DISCLOSED', 15], ['CANNOT_PROVIDE_NOT_HELD', 15], ['NOT_DISCLOSED_PROCESS_INFORMATION', 6], ['NOT_PROCESSED_PETITION', 6], ['OTHER', 4]] as const;

function weekdays(day: number, n: number): number {
  return addWorkingDays(day, n);
}

/**
 * `count` requests for `agency`, received evenly over 2024-01 to shortly before `today`. Every
 * third request takes the next outcome of the national list (rotated per agency), so that every
 * row of table 3 is filled somewhere in the province each year; the rest are the common ones.
 */
export function generateAgencyRequests(agency: DemoAgency, options: { count: number; seed?: number; today: string }): DemoRequest[] {
  const rng = SeededRandom.derive(options.seed ?? DEFAULT_DEMO_SEED, agency.code, 'requests');
  const agencyIndex = Math.max(0, DEMO_AGENCIES.findIndex((a) => a.code === agency.code));
  const first = toDay(DEMO_FIRST_DAY) + 3;
  const last = toDay(options.today) - 8;
  const out: DemoRequest[] = [];
  let cyclic = agencyIndex * 5;
  for (let seq = 1; seq <= options.count; seq++) {
    const submitted = weekdayOnOrBefore(first + Math.floor(((last - first) * (seq - 0.5)) / options.count) + rng.int(-2, 2));
    const requesterKind = rng.weighted(KIND_WEIGHTS);
    const person = requesterKind === 'NATURAL_PERSON';
    const channel = DEMO_CHANNELS[(seq + agencyIndex) % DEMO_CHANNELS.length];
    const outcome: DemoOutcome = seq % 3 === 0 ? DEMO_OUTCOMES[cyclic++ % DEMO_OUTCOMES.length] : rng.weighted(COMMON_OUTCOMES);
    const steps: DemoRequestStep[] = [];
    const on = (day: number) => fromDay(day);
    let received: number;
    let receivedOn: string | null = null;
    if (channel === 'IN_PERSON' || channel === 'ONLINE') {
      received = submitted;
      if (channel === 'IN_PERSON') receivedOn = on(received);
    } else if (channel === 'REGISTERED_POST') {
      received = weekdays(submitted, 2);
      receivedOn = on(received);
    } else {
      received = weekdays(submitted, rng.int(1, 3));
      steps.push({ kind: 'CONFIRM_RECEIPT', on: on(received) });
    }
    let clockFrom = received;
    const needsSupplement = outcome === 'OTHER_NO_SUPPLEMENT' || outcome === 'CANNOT_PROVIDE_STILL_UNCLEAR' || rng.chance(0.1);
    if (needsSupplement) {
      const notice = weekdays(received, rng.int(1, 4));
      steps.push({ kind: 'REQUEST_SUPPLEMENT', on: on(notice) });
      if (outcome === 'OTHER_NO_SUPPLEMENT') {
        steps.push({ kind: 'REPLY', on: on(weekdays(notice, 28)), outcome });
        out.push(finish());
        continue;
      }
      clockFrom = weekdays(notice, rng.int(2, 5));
      steps.push({ kind: 'RECEIVE_SUPPLEMENT', on: on(clockFrom) });
    }
    let extra = 0;
    if (outcome === 'NOT_PROCESSED_EXCESSIVE' || outcome === 'OTHER_FEE_UNPAID') {
      steps.push({ kind: 'MARK_EXCESSIVE', on: on(weekdays(clockFrom, 1)), days: outcome === 'OTHER_FEE_UNPAID' ? 10 : 0 });
      // Counted by volume (a single request is free by item); closed unpaid only after its 20 working days to pay, with room for holidays.
      if (outcome === 'OTHER_FEE_UNPAID') steps.push({ kind: 'NOTIFY_FEE', on: on(weekdays(clockFrom, 2)), pages: rng.pick([40, 50, 80]) });
    }
    if (outcome === 'OTHER_FEE_UNPAID') extra += 28;
    if (outcome === 'NOT_DISCLOSED_THIRD_PARTY_RIGHTS' || outcome === 'PARTLY_DISCLOSED' || rng.chance(0.08)) {
      const party = rng.chance(0.7) ? 'THIRD_PARTY' as const : 'CO_PRODUCER' as const;
      const start = weekdays(clockFrom, 3);
      steps.push({ kind: 'START_CONSULTATION', on: on(start), party });
      const answerAfter = rng.chance(0.7) ? rng.int(3, 10) : null;
      if (answerAfter !== null) steps.push({ kind: 'ANSWER_CONSULTATION', on: on(weekdays(start, answerAfter)), party });
      // The pause moves the due date: later steps keep their distance from it.
      extra += answerAfter ?? 15;
    }
    const extended = rng.chance(0.12);
    if (extended) steps.push({ kind: 'EXTEND', on: on(weekdays(clockFrom, 15 + extra)), days: rng.pick([10, 15, 20]) });
    // About one reply in twelve is late: past 20 working days with no extension.
    const late = !extended && rng.chance(0.08);
    const replyAfter = late ? rng.int(27, 32) : extended ? rng.int(22, 26) : rng.int(4, 17);
    const previous = toDay(steps.at(-1)?.on ?? on(clockFrom));
    steps.push({ kind: 'REPLY', on: on(Math.max(previous, weekdays(clockFrom, replyAfter + extra))), outcome });
    out.push(finish());

    function finish(): DemoRequest {
      // Steps after today have not happened yet: the request is still open (carried over).
      const done = steps.filter((s) => s.on <= options.today);
      const reply = done.find((s) => s.kind === 'REPLY');
      const appeals: DemoAppeal[] = [];
      if (reply && reply.kind === 'REPLY' && !['DISCLOSED', 'OTHER'].includes(reply.outcome) && rng.chance(0.25)) {
        const filed = weekdays(toDay(reply.on), rng.int(5, 40));
        const kind = rng.weighted([['RECONSIDERATION', 6], ['LITIGATION_DIRECT', 2], ['LITIGATION_AFTER_RECONSIDERATION', 2]] as const);
        const concluded = weekdays(filed, rng.int(30, 90));
        if (fromDay(filed) <= options.today) {
          appeals.push({
            kind, filedOn: fromDay(filed),
            ...(fromDay(concluded) <= options.today ? { result: rng.weighted([['UPHELD', 7], ['CORRECTED', 2], ['OTHER', 1]] as const), concludedOn: fromDay(concluded) } : {}),
          });
        }
      }
      const birth = `19${rng.int(55, 99)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
      return {
        seq, requesterKind,
        requesterName: person ? rng.pick(SURNAMES) + rng.pick(GIVEN) : rng.pick(ORGS[requesterKind]),
        idNumber: person ? residentId(agency.regionCode === '350000' ? '350102' : agency.regionCode.slice(0, 4) + '02', birth, rng.int(1, 998))
          : requesterKind === 'OTHER_ORGANISATION' && rng.chance(0.5) ? null
            : creditCode('91', agency.regionCode === '350000' ? '350100' : agency.regionCode, organisationCode(String(rng.int(10_000_000, 99_999_999)))),
        contact: rng.chance(0.7) ? `1${rng.pick(['38', '59', '86', '33'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : `applicant${seq}@example.cn`,
        channel, description: `申请公开${fromDay(submitted).slice(0, 4)}年${rng.pick(TOPICS)}`,
        submittedOn: on(submitted), receivedOn, steps: done, appeals,
      };
    }
  }
  return out;
}
