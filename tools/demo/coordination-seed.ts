import type { Role } from '../../schema/contracts/claims';
import { issueToken, type TokenSigner } from '../../schema/contracts/tokens';
import type { CoordinationRuntime } from '../../subgraphs/coordination/context';
import { ReleasePlanEntity } from '../../subgraphs/coordination/entities/release-plan.entity';
import { runFullScan } from '../../subgraphs/coordination/services/consistency-scan.service';
import { runReleaseCycle } from '../../subgraphs/coordination/services/coordinated-release.service';

/**
 * The news office's demo: release plans (one released as soon as it is due, one confirmed and upcoming,
 * one cancelled, a draft clarification, and two that go wrong) and one deliberately planted case
 * of every consistency finding, each next to a consistent counterpart that must raise nothing.
 *
 * It runs through the gateway, like any client, once the hub is up (`npm start` starts it in the
 * coordination process in the background): agency documents are created, reviewed and published
 * with development staff tokens (an editor writes and publishes, a reviewer reviews: four-eyes),
 * plans are made with a coordinator token. The generated demo
 * documents stay consistent by construction (tools/demo/facts.ts); every inconsistency is here.
 * Planted document numbers are 90x, above anything the generator issues.
 */

/** The three agencies the planted cases involve (all in the demo province). */
export const PLANTED_AGENCIES = ['fjgov', 'fjdrc', 'fjtjj'] as const;

interface Answer<T> { data: T | null; errors?: { message: string }[] }

/** A client of the gateway for the seeding, with the development tokens of whoever acts. */
class DemoClient {
  private tokens = new Map<string, Promise<string>>();

  constructor(private readonly url: string, private readonly signer: TokenSigner, private readonly issuer?: string) {}

  private token(roles: Role[], agency?: string): Promise<string> {
    const key = `${roles.join('+')}@${agency ?? 'province'}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = issueToken(this.signer, { sub: `demo-${key}`, roles, agency }, { issuer: this.issuer });
      this.tokens.set(key, token);
    }
    return token;
  }

  async call<T>(query: string, variables: Record<string, unknown>, roles: Role[], agency?: string): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(roles, agency)}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Answer<T>;
    if (body.errors?.length || !body.data) throw new Error(`demo seeding: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
    return body.data;
  }

  /** Waits until the gateway answers (`npm start` starts it first; run alone, it may come later). */
  async ready(timeoutMs = 600_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.call('{ agencies { code } }', {}, ['coordinator']);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

interface DocSpec {
  title: string;
  body: string;
  docNumber?: string;
  coIssuers?: string[];
  keyFacts?: { subject: string; value: string; unit: string; asOf: string }[];
}

const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`;
const REVIEW = `mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "经审查不涉及国家秘密、商业秘密和个人隐私") { id } }`;
const PUBLISH = `mutation($id: ID!) { publishDocument(id: $id) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateDocumentInput!) { updateDocument(id: $id, input: $input) { id } }`;
const VALIDITY = `mutation($id: ID!, $validity: Validity!, $reason: String!) { changeDocumentValidity(id: $id, validity: $validity, reason: $reason) { id } }`;
const REPRINT = `mutation($id: ID!, $sourceId: ID) { setReprintSource(id: $id, sourceId: $sourceId) { id } }`;
const CREATE_PLAN = `mutation($input: CreateReleasePlanInput!) { createReleasePlan(input: $input) { id } }`;
const LINK = `mutation($id: ID!, $documentIds: [ID!]!) { linkDocumentsToPlan(id: $id, documentIds: $documentIds) { id } }`;
const CONFIRM = `mutation($id: ID!) { confirmReleasePlan(id: $id) { id } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelReleasePlan(id: $id, reason: $reason) { id } }`;

const GDP_2025 = { subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' };
const POPULATION_2025 = { subject: '2025年全省常住人口', value: '4197', unit: '万人', asOf: '2025-12-31' };

/**
 * Plants the demo plans and cases through the gateway at `gatewayUrl`, then runs a release cycle
 * and a full scan. Does nothing (returns null) when the database already has plans.
 */
export async function seedCoordinationDemo(runtime: CoordinationRuntime, gatewayUrl = runtime.config.gatewayUrl): Promise<string | null> {
  if ((await runtime.orm.em.fork().count(ReleasePlanEntity, {})) > 0) return null;
  const identity = runtime.config.serviceIdentity;
  // Acting as staff and coordinators takes a signing key; an issued token is the service's alone.
  if (!('signer' in identity)) throw new Error('demo seeding needs a signing key (HUB_JWT_SECRET or HUB_COORDINATION_SERVICE_KEY), not an issued token');
  const hub = new DemoClient(gatewayUrl, identity.signer, identity.issuer);
  await hub.ready();
  const editor: Role[] = ['editor'];
  const coordinator: Role[] = ['coordinator'];
  const today = runtime.clock.today();
  const hours = (n: number) => new Date(runtime.clock.now().getTime() + n * 3600_000).toISOString();
  // A release time is never in the past, so the plans the demo releases at once are due shortly
  // after they are confirmed (at once under a fixed demo clock); the release cycle waits for them.
  let lastDue = runtime.clock.now().getTime();
  const shortly = () => {
    lastDue = runtime.clock.now().getTime() + (runtime.config.clock ? 0 : 15_000);
    return new Date(lastDue).toISOString();
  };

  const create = async (agency: string, spec: DocSpec, state: 'approved' | 'published'): Promise<string> => {
    const { createDocument } = await hub.call<{ createDocument: { id: string } }>(CREATE, {
      input: { theme: '综合政务', formedOn: today, disclosure: 'PROACTIVE', ...spec },
    }, editor, agency);
    await hub.call(REVIEW, { id: createDocument.id }, ['reviewer'], agency);
    if (state === 'published') await hub.call(PUBLISH, { id: createDocument.id }, editor, agency);
    return createDocument.id;
  };
  const plan = async (input: Record<string, unknown>, documentIds: string[]): Promise<string> => {
    const { createReleasePlan } = await hub.call<{ createReleasePlan: { id: string } }>(CREATE_PLAN, { input }, coordinator);
    if (documentIds.length) await hub.call(LINK, { id: createReleasePlan.id, documentIds }, coordinator);
    return createReleasePlan.id;
  };

  // A plan released once due: both documents go out together, stating the agreed GDP.
  const bulletin = await create('fjtjj', { title: '2025年福建省国民经济和社会发展统计公报', body: `2025年全省地区生产总值为5.78万亿元。`, keyFacts: [GDP_2025] }, 'approved');
  const reading = await create('fjdrc', { title: '2025年全省经济运行情况解读', body: `据统计公报，2025年全省地区生产总值为5.78万亿元。`, keyFacts: [GDP_2025] }, 'approved');
  const released = await plan({ title: '2025年全省经济运行情况联合发布', leadAgency: 'fjtjj', participants: ['fjdrc'], releaseAt: shortly(), channels: ['PORTAL', 'PRESS_CONFERENCE'], agreedFacts: [GDP_2025] }, [bulletin, reading]);
  await hub.call(CONFIRM, { id: released }, coordinator);

  // An upcoming confirmed plan: under embargo for a week.
  const briefing = await create('fjgov', { title: '全省人口发展情况新闻发布稿', body: '2025年末全省常住人口4197万人。', keyFacts: [POPULATION_2025] }, 'approved');
  const census = await create('fjtjj', { title: '2025年全省人口变动情况抽样调查主要数据公报', body: '2025年末全省常住人口4197万人。', keyFacts: [POPULATION_2025] }, 'approved');
  const upcoming = await plan({ title: '全省人口发展情况新闻发布会', leadAgency: 'fjgov', participants: ['fjtjj'], releaseAt: hours(24 * 7), channels: ['PRESS_CONFERENCE', 'NEW_MEDIA'], agreedFacts: [POPULATION_2025] }, [briefing, census]);
  await hub.call(CONFIRM, { id: upcoming }, coordinator);

  // A cancelled plan, and a draft clarification (Art. 6) correcting the released one.
  const shelved = await create('fjdrc', { title: '关于重点项目建设进展情况的通报', body: '重点项目建设总体进展顺利。' }, 'approved');
  const cancelled = await plan({ title: '重点项目建设进展联合通报', leadAgency: 'fjdrc', releaseAt: hours(24 * 3) }, [shelved]);
  await hub.call(CONFIRM, { id: cancelled }, coordinator);
  await hub.call(CANCEL, { id: cancelled, reason: '项目统计口径调整，另行安排发布' }, coordinator);
  const erratum = await create('fjtjj', { title: '关于2025年统计公报有关数据的说明', body: '公报中的分行业增加值按最新核算结果更正。' }, 'approved');
  await plan({ title: '统计公报数据说明（澄清发布）', leadAgency: 'fjtjj', kind: 'CLARIFICATION', correctsPlanId: released, correctsDocumentIds: [bulletin], releaseAt: hours(24 * 2) }, [erratum]);

  // MISSING_RELEASE: a document changed after the plan was confirmed, so the due release does not go out at all.
  const onTime = await create('fjdrc', { title: '全省营商环境评价结果', body: '2025年度全省营商环境评价结果如下。' }, 'approved');
  const changed = await create('fjgov', { title: '关于全省营商环境评价结果的新闻稿', body: '全省营商环境持续优化。' }, 'approved');
  const failing = await plan({ title: '全省营商环境评价结果发布', leadAgency: 'fjdrc', participants: ['fjgov'], releaseAt: shortly() }, [onTime, changed]);
  await hub.call(CONFIRM, { id: failing }, coordinator);
  await hub.call(UPDATE, { id: changed, input: { body: '全省营商环境持续优化，评价结果另行公布。' } }, editor, 'fjgov');

  // EARLY_RELEASE: published before it was put under the plan's embargo.
  const early = await create('fjgov', { title: '全省数字政府建设情况通报', body: '全省数字政府建设取得新进展。' }, 'published');
  const earlyPlan = await plan({ title: '数字政府建设情况发布', leadAgency: 'fjgov', releaseAt: hours(24 * 3) }, [early]);
  await hub.call(CONFIRM, { id: earlyPlan }, coordinator);

  // FACT_MISMATCH: another agency publishes a different 2025 population (also against the upcoming plan's wording).
  await create('fjtjj', { title: '2025年全省人口主要数据', body: '2025年末全省常住人口4197万人。', keyFacts: [POPULATION_2025] }, 'published');
  await create('fjdrc', { title: '全省人口与经济协调发展情况分析', body: '2025年末全省常住人口4179万人。', keyFacts: [{ ...POPULATION_2025, value: '4179' }] }, 'published');

  // CONTENT_DRIFT: the co-issuers' copies of one joint document differ; the second joint document agrees.
  const joint = { title: '关于联合开展政务公开标准化规范化工作的通知', docNumber: '闽政办〔2026〕901号' };
  await create('fjgov', { ...joint, coIssuers: ['fjdrc'], body: '各地各部门要按照标准目录做好政务公开工作。' }, 'published');
  await create('fjdrc', { ...joint, coIssuers: ['fjgov'], body: '各地各部门要按照标准目录做好政务公开工作，年底前完成。' }, 'published');
  const agreed = { title: '关于联合开展统计数据质量提升行动的通知', docNumber: '闽发改〔2026〕902号', body: '各设区市要建立统计数据质量责任制。' };
  await create('fjdrc', { ...agreed, coIssuers: ['fjtjj'] }, 'published');
  await create('fjtjj', { ...agreed, coIssuers: ['fjdrc'] }, 'published');

  // DUPLICATE_DOC_NUMBER: one number (written two ways) on two unrelated documents of two agencies.
  await create('fjtjj', { title: '关于开展2026年统计执法检查的通知', docNumber: '闽统〔2026〕903号', body: '定于2026年开展统计执法检查。' }, 'published');
  await create('fjgov', { title: '关于做好2026年春运工作的通知', docNumber: '闽统[2026]903号', body: '各地要做好春运期间的组织保障。' }, 'published');

  // STALE_REPRINT: a reprint still effective after its source was repealed; another reprint of an effective source.
  const source = await create('fjgov', { title: '福建省政务服务事项管理办法', docNumber: '闽政办〔2026〕904号', body: '为规范政务服务事项管理，制定本办法。' }, 'published');
  const reprint = await create('fjtjj', { title: '转发：福建省政务服务事项管理办法', body: '现将《福建省政务服务事项管理办法》转发给你们。' }, 'published');
  await hub.call(REPRINT, { id: reprint, sourceId: source }, ['editor'], 'fjtjj');
  await hub.call(VALIDITY, { id: source, validity: 'REPEALED', reason: '已被新的管理办法替代' }, ['editor'], 'fjgov');
  const liveSource = await create('fjgov', { title: '福建省政府信息公开工作考核办法', docNumber: '闽政办〔2026〕905号', body: '为做好政府信息公开工作考核，制定本办法。' }, 'published');
  const liveReprint = await create('fjdrc', { title: '转发：福建省政府信息公开工作考核办法', body: '现将《福建省政府信息公开工作考核办法》转发给你们。' }, 'published');
  await hub.call(REPRINT, { id: liveReprint, sourceId: liveSource }, ['editor'], 'fjdrc');

  const wait = lastDue - runtime.clock.now().getTime();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const cycle = await runReleaseCycle(runtime);
  const scan = await runFullScan(runtime);
  return `6 plans (${cycle.released.length} released now, ${cycle.failed.length} failed its checks), ${scan.findingsSeen} findings over ${scan.documents} documents`;
}
