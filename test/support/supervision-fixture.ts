import type { AgencyRuntime } from '../../subgraphs/agency/context';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { DisclosureAttribute, DocumentStatus, PartyKind, PenaltyStatus } from '../../subgraphs/agency/entities/enums';
import { FeedbackEntity, FeedbackStatus } from '../../subgraphs/agency/entities/feedback.entity';
import { PenaltyDecisionEntity } from '../../subgraphs/agency/entities/penalty.entity';
import { DisclosureRequestEntity } from '../../subgraphs/agency/entities/request.entity';
import { RequestChannel, RequestOutcome, RequestStatus, RequesterKind } from '../../subgraphs/agency/entities/request-enums';

const at = (iso: string) => new Date(iso);

/**
 * A small hand-built dataset whose supervision figures are known, for a clock at 2026-11-27
 * (a Friday; 3 working days later is 2026-12-02) and the period 2026-11-01 – 2026-11-27.
 * `extraOverdue` adds that many more overdue documents, so two agencies' figures differ.
 */
export async function seedSupervisionFixture(runtime: AgencyRuntime, extraOverdue = 0): Promise<void> {
  const code = runtime.config.agencyCode;
  const em = runtime.orm.em.fork();
  let serial = 0;
  const doc = (formedOn: string, publishDueOn: string, extra: Partial<DocumentEntity> = {}) => {
    const id = `${code}:s${++serial}`;
    return em.create(DocumentEntity, {
      id, agencyCode: code, indexNumber: `${code}-${serial}`, title: `文件${serial}`, body: '正文', theme: '综合政务', themeCode: '0100', genre: '通知',
      formedOn, publishDueOn, listedAt: at('2026-11-01T00:00:00Z'), disclosure: DisclosureAttribute.PROACTIVE, status: DocumentStatus.DRAFT,
      createdBy: 'fixture', createdAt: at('2026-11-01T00:00:00Z'), updatedAt: at('2026-11-01T00:00:00Z'), ...extra,
    });
  };
  doc('2026-10-23', '2026-11-20');
  doc('2026-11-03', '2026-12-01', { status: DocumentStatus.APPROVED });
  doc('2026-11-12', '2026-12-10');
  doc('2026-10-01', '2026-11-01', { disclosure: DisclosureAttribute.ON_REQUEST });
  doc('2026-11-02', '2026-11-30', { status: DocumentStatus.PUBLISHED, publishedAt: at('2026-11-10T10:00:00+08:00') });
  // 00:30 China time is still the previous day in UTC: the publication day must be China's.
  doc('2026-10-20', '2026-11-17', { status: DocumentStatus.PUBLISHED, publishedAt: at('2026-11-26T00:30:00+08:00') });
  doc('2026-10-01', '2026-10-29', { status: DocumentStatus.PUBLISHED, publishedAt: at('2026-10-15T10:00:00+08:00') });
  for (let i = 0; i < extraOverdue; i++) doc('2026-10-01', '2026-10-29');

  const request = (status: RequestStatus, extra: Partial<DisclosureRequestEntity> = {}) => {
    const id = `${code}:s${++serial}`;
    return em.create(DisclosureRequestEntity, {
      id, agencyCode: code, trackingCode: `${code}-T${serial}`, requesterKind: RequesterKind.NATURAL_PERSON, requesterName: '某人', contact: '13800000000',
      channel: RequestChannel.ONLINE, description: '申请', submittedOn: '2026-10-01', receivedOn: '2026-10-01', status,
      listedAt: at('2026-10-01T00:00:00Z'), createdBy: 'fixture', ...extra,
    });
  };
  request(RequestStatus.PROCESSING, { replyDueOn: '2026-11-20' });
  request(RequestStatus.PROCESSING, { replyDueOn: '2026-12-02' });
  request(RequestStatus.AWAITING_SUPPLEMENT, { replyDueOn: null });
  const closed = (closedOn: string, outcome: RequestOutcome, days: number, late: boolean) =>
    request(RequestStatus.CLOSED, { replyDueOn: closedOn, closedOn, outcome, replyWorkingDays: days, repliedLate: late });
  closed('2026-11-05', RequestOutcome.DISCLOSED, 4, false);
  closed('2026-11-20', RequestOutcome.PARTLY_DISCLOSED, 22, true);
  closed('2026-11-21', RequestOutcome.DISCLOSED, 12, false);
  closed('2026-10-30', RequestOutcome.NOT_PROCESSED_REPEAT, 3, false);

  const penalty = (publishDueOn: string, status: PenaltyStatus) => {
    const id = `${code}:s${++serial}`;
    return em.create(PenaltyDecisionEntity, {
      id, agencyCode: code, caseNumber: `${code}罚〔2026〕${serial}号`, partyKind: PartyKind.ENTERPRISE, partyName: '某公司', partyIdNumber: '91350000000000000X',
      facts: '事实', legalBasis: '依据', penalty: '罚款', decidedOn: '2026-10-01', minor: false, publishDueOn, status,
      listedAt: at('2026-10-01T00:00:00Z'), createdBy: 'fixture', createdAt: at('2026-10-01T00:00:00Z'),
    });
  };
  penalty('2026-11-26', PenaltyStatus.PENDING);
  penalty('2026-11-30', PenaltyStatus.PENDING);
  penalty('2026-11-01', PenaltyStatus.PUBLISHED);

  const feedback = (createdAt: string, extra: Partial<FeedbackEntity> = {}) => em.create(FeedbackEntity, {
    id: `${code}:f${String(++serial).padStart(7, '0')}`, agencyCode: code, text: '意见内容五个字以上', createdAt: at(createdAt), status: FeedbackStatus.SHOWN, ...extra,
  });
  feedback('2026-11-10T09:00:00+08:00', { answer: '答复', answeredAt: at('2026-11-11T09:00:00+08:00'), answeredBy: 'fixture', answerHours: 24 });
  feedback('2026-11-02T09:00:00+08:00', { answer: '答复', answeredAt: at('2026-11-05T09:00:00+08:00'), answeredBy: 'fixture', answerHours: 72 });
  feedback('2026-11-05T09:00:00+08:00');
  feedback('2026-11-04T09:00:00+08:00', { status: FeedbackStatus.REJECTED, moderationReason: '广告' });
  feedback('2026-11-20T09:00:00+08:00', { status: FeedbackStatus.PENDING });
  await em.flush();
}
