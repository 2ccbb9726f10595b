import { isAgencyCode } from '../../schema/contracts/shard-registry';
import { defaultIndexPrefix, isIndexPrefix } from '../../schema/contracts/index-number';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirFrom, hostFrom, intFrom } from '../shared/env';
import { isDevelopment, SecretSource } from '../shared/secrets';
import { FeeMethod } from './entities/request-enums';
import { deliveryEmailProblem } from '../shared/identifiers';

function feeMethodFrom(raw: string | undefined): FeeMethod {
  if (!raw) return FeeMethod.BY_ITEM;
  if (!Object.values(FeeMethod).includes(raw as FeeMethod)) throw new RangeError(`HUB_FEE_METHOD must be BY_ITEM or BY_VOLUME, got ${raw}`);
  return raw as FeeMethod;
}

function atLeastOne(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFrom(env, name, fallback);
  if (value < 1) throw new RangeError(`${name} must be at least 1, got ${value}`);
  return value;
}
import { PENALTY_RULES } from './services/statutory-rules';
import { serviceIdentityFrom, type ServiceIdentity } from '../shared/gateway-client';

/** Everything an agency deployment reads from its environment; nothing else touches process.env. */
export interface AgencyConfig {
  /** Registry code of the department this deployment serves, e.g. "fjdrc" (HUB_AGENCY_CODE; required outside development, "fjdrc" in it). */
  agencyCode: string;
  /** Prefix of its index numbers (索引号), e.g. "FJ00201". */
  indexPrefix: string;
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/<code>.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on (HUB_GATEWAY_SECRET; in development the data folder's). */
  gatewaySecret: string;
  /**
   * Key (HS256) with which the coordination service signs its plan grants, the proof that a
   * release plan is confirmed and links the documents it holds or releases. Set
   * `HUB_PLAN_GRANT_SECRET` to the coordination service's value. @default the gateway secret
   */
  planGrantSecret: string;
  /**
   * Four-eyes stricter than the minimum (HUB_DISTINCT_PUBLISHER=1): the publisher must be neither
   * an author nor the reviewer of the document, so three people touch it. The minimum, always
   * applied: the reviewer is never an author, and the publisher is never both. @default false
   */
  distinctPublisher: boolean;
  /** Fixed "now" (ISO date-time) for demos and tests. */
  clock?: string;
  /** Folder of administrator-loaded holiday arrangements (a year's 调休 as JSON). */
  calendarDir?: string;
  /**
   * Seconds between reads of the province's calendar from the directory, through the gateway
   * (HUB_CALENDAR_SYNC_SECONDS): a year the provincial office loads reaches this deployment within
   * this interval, without a restart. 0 turns it off (the built-in years and `calendarDir` only). @default 300
   */
  calendarSyncSeconds: number;
  /** The provincial gateway, through which the calendar is read (HUB_GATEWAY_URL). @default http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  /**
   * The deployment's service identity at the gateway, for the calendar reads (HUB_AGENCY_SERVICE_TOKEN,
   * _TOKEN_FILE or _KEY, or HUB_JWT_SECRET); required outside development unless the sync is off.
   */
  serviceIdentity?: ServiceIdentity;
  /**
   * Working days to publish a penalty decision after it is made (HUB_PENALTY_PUBLISH_DAYS): the
   * agency's own setting, e.g. 7 under 双公示 practice; stricter than the rules table only. @default 20
   */
  penaltyPublishDays: number;
  /** Working days to withdraw a penalty decision after it is revoked (HUB_PENALTY_WITHDRAW_DAYS, 1–3). @default 3 */
  penaltyWithdrawDays: number;
  /** Months a minor penalty stays shown. @default 3 */
  penaltyMinorMonths: number;
  /** Years any other penalty stays shown. @default 3 */
  penaltyOtherYears: number;
  /**
   * Working days a requester has to supplement an unclear request after the notice (Art. 30 leaves
   * the period to the agency); after it the request counts as abandoned (table 3, row 3.6.1).
   * @default 15
   */
  supplementWorkingDays: number;
  /**
   * The way this agency usually counts the information-processing fee (HUB_FEE_METHOD: BY_ITEM or
   * BY_VOLUME; 《政府信息公开信息处理费管理办法》第三条); a fee notice may name the other. @default BY_ITEM
   */
  feeMethod: FeeMethod;
  /**
   * Working days within which staff must confirm the receipt of an ordinary letter, fax or online
   * request entered by staff (HUB_RECEIPT_CONFIRMATION_WORKING_DAYS, at least 1; Art. 31 sets no
   * bound); after it the unconfirmed request is overdue. @default 5
   */
  receiptConfirmationWorkingDays: number;
  /**
   * The longest "reasonable period" (Art. 35) this agency gives an excessive request, in working
   * days (HUB_MAX_EXCESSIVE_WORKING_DAYS; the law sets none). @default 60
   */
  maxExcessiveWorkingDays: number;
  /** Hours between runs of the deadline watch (due and late items); 0 turns it off. @default 24 */
  deadlineWatchHours: number;
  /** Largest attachment file an editor may upload, in bytes (HUB_MAX_ATTACHMENT_BYTES). @default 20 MiB */
  maxAttachmentBytes: number;
  /**
   * Virus scan run on every uploaded file before it is accepted (HUB_ATTACHMENT_SCAN_COMMAND): the
   * program and its arguments, split on spaces, with the path of a temporary copy of the file
   * appended. Exit 0 accepts the file, 1 refuses it as infected, anything else (or no answer within
   * `attachmentScanTimeoutMs`) refuses the upload as "scan unavailable". None when unset.
   * E.g. `clamdscan --no-summary --fdpass`.
   */
  attachmentScanCommand?: string[];
  /**
   * How long the virus scan may take (HUB_ATTACHMENT_SCAN_TIMEOUT_MS): shorter than the gateway's
   * whole-request deadline (30 s), so the editor gets the verdict rather than a timeout. @default 20000
   */
  attachmentScanTimeoutMs: number;
  /**
   * The agency's full name as its letters are signed (HUB_AGENCY_NAME, e.g. 福建省发展和改革委员会).
   * @default the agency code, with a warning at start
   */
  agencyName: string;
  /**
   * The mail server the outbox sends through (HUB_SMTP_URL, e.g. `smtp://user:pass@mail.fj.gov.cn:587`
   * or `smtps://…:465`). Unset: mail stays queued in the outbox, and the deployment says so at start.
   */
  smtpUrl?: string;
  /** The sender of the deployment's mail (HUB_MAIL_FROM). @default `disclosure-<code>@localhost` */
  mailFrom: string;
  /**
   * The responsible officers' addresses for staff alerts (HUB_ALERT_EMAILS, comma-separated): a
   * mail for each new request and a daily digest of what is due or late. None: no alert mail.
   */
  alertEmails: string[];
  /** Seconds between runs of the outbox worker (HUB_MAIL_OUTBOX_SECONDS, at least 1). @default 30 */
  mailOutboxSeconds: number;
}

/** The addresses of a comma-separated list, each checked. @throws RangeError naming the variable and the address. */
function emailList(env: NodeJS.ProcessEnv, name: string): string[] {
  const addresses = (env[name] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (const address of addresses) {
    if (deliveryEmailProblem(address)) throw new RangeError(`${name}: ${address} is not an e-mail address`);
  }
  return addresses;
}

/**
 * A period of working days the agency may shorten but not lengthen: from 1 to the rules table's
 * `max`, which is also the default.
 * @throws RangeError naming the variable when it is outside that range.
 */
function stricterDays(env: NodeJS.ProcessEnv, name: string, max: number): number {
  const days = intFrom(env, name, max);
  if (days < 1 || days > max) throw new RangeError(`${name} must be from 1 to ${max} working days (the rules allow stricter, never laxer), got ${days}`);
  return days;
}

/** Reads an agency deployment's configuration; outside development it refuses to load without HUB_GATEWAY_SECRET. */
export function loadAgencyConfig(env: NodeJS.ProcessEnv = process.env): AgencyConfig {
  // A deployment that does not say whose it is must not pass for the first demo department's.
  if (!env.HUB_AGENCY_CODE && !isDevelopment(env)) {
    throw new RangeError('HUB_AGENCY_CODE must name this deployment\'s agency (its registry code) outside development');
  }
  const agencyCode = env.HUB_AGENCY_CODE || 'fjdrc';
  if (!isAgencyCode(agencyCode)) {
    throw new RangeError(`HUB_AGENCY_CODE must be a lower-case registry code, got ${agencyCode}`);
  }
  const indexPrefix = env.HUB_AGENCY_INDEX_PREFIX ?? defaultIndexPrefix(agencyCode);
  // Every index number this deployment builds must parse back to its prefix, or no lookup could route to it.
  if (!isIndexPrefix(indexPrefix)) {
    throw new RangeError(`HUB_AGENCY_INDEX_PREFIX must be upper-case letters, digits and inner hyphens, got ${indexPrefix}`);
  }
  const dataDir = dataDirFrom(env);
  const secrets = new SecretSource(env, `agency ${agencyCode}`);
  const gatewaySecret = secrets.shared('HUB_GATEWAY_SECRET', 'gatewaySecret');
  const calendarSyncSeconds = intFrom(env, 'HUB_CALENDAR_SYNC_SECONDS', 300);
  const serviceIdentity = calendarSyncSeconds > 0 ? serviceIdentityFrom(env, secrets, 'HUB_AGENCY_SERVICE') : undefined;
  secrets.check();
  return {
    agencyCode,
    indexPrefix,
    databaseUrl: env.HUB_DATABASE_URL ?? join(dataDir, `${agencyCode}.sqlite`),
    host: hostFrom(env),
    port: intFrom(env, 'PORT', 4101),
    gatewaySecret,
    planGrantSecret: env.HUB_PLAN_GRANT_SECRET || gatewaySecret,
    distinctPublisher: env.HUB_DISTINCT_PUBLISHER === '1',
    clock: env.HUB_CLOCK || undefined,
    calendarDir: env.HUB_CALENDAR_DIR || undefined,
    calendarSyncSeconds,
    gatewayUrl: env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
    serviceIdentity,
    penaltyPublishDays: stricterDays(env, 'HUB_PENALTY_PUBLISH_DAYS', PENALTY_RULES.publishWorkingDays),
    penaltyWithdrawDays: stricterDays(env, 'HUB_PENALTY_WITHDRAW_DAYS', PENALTY_RULES.withdrawWorkingDays),
    penaltyMinorMonths: intFrom(env, 'HUB_PENALTY_MINOR_MONTHS', 3),
    penaltyOtherYears: intFrom(env, 'HUB_PENALTY_OTHER_YEARS', 3),
    supplementWorkingDays: intFrom(env, 'HUB_SUPPLEMENT_WORKING_DAYS', 15),
    feeMethod: feeMethodFrom(env.HUB_FEE_METHOD),
    receiptConfirmationWorkingDays: atLeastOne(env, 'HUB_RECEIPT_CONFIRMATION_WORKING_DAYS', 5),
    maxExcessiveWorkingDays: intFrom(env, 'HUB_MAX_EXCESSIVE_WORKING_DAYS', 60),
    deadlineWatchHours: intFrom(env, 'HUB_DEADLINE_WATCH_HOURS', 24),
    maxAttachmentBytes: intFrom(env, 'HUB_MAX_ATTACHMENT_BYTES', 20 * 1024 * 1024),
    attachmentScanCommand: env.HUB_ATTACHMENT_SCAN_COMMAND?.trim() ? env.HUB_ATTACHMENT_SCAN_COMMAND.trim().split(/\s+/) : undefined,
    attachmentScanTimeoutMs: intFrom(env, 'HUB_ATTACHMENT_SCAN_TIMEOUT_MS', 20_000),
    agencyName: env.HUB_AGENCY_NAME?.trim() || agencyCode,
    smtpUrl: env.HUB_SMTP_URL?.trim() || undefined,
    mailFrom: env.HUB_MAIL_FROM?.trim() || `disclosure-${agencyCode}@localhost`,
    alertEmails: emailList(env, 'HUB_ALERT_EMAILS'),
    mailOutboxSeconds: atLeastOne(env, 'HUB_MAIL_OUTBOX_SECONDS', 30),
  };
}

/** One deployment hosted by a compact process (see {@link loadCompactDeployments}). */
export interface CompactDeployment {
  code: string;
  port: number;
  /** @default `<HUB_DATA_DIR>/<code>.sqlite` */
  databaseUrl?: string;
  /** @default the code in upper case */
  indexPrefix?: string;
  /** The agency's full name, as its letters are signed (HUB_AGENCY_NAME of a single deployment). @default the code */
  name?: string;
}

/**
 * The deployments a compact process hosts (HUB_AGENCY_DEPLOYMENTS: a JSON file, an array of
 * {@link CompactDeployment}), each as its own {@link AgencyConfig}: the process's environment
 * with that deployment's code, port, database and index prefix. A bad file fails at start.
 */
export function loadCompactDeployments(env: NodeJS.ProcessEnv = process.env): AgencyConfig[] {
  const file = env.HUB_AGENCY_DEPLOYMENTS;
  if (!file) throw new RangeError('HUB_AGENCY_DEPLOYMENTS must name a JSON file listing the deployments this process hosts');
  const list = JSON.parse(readFileSync(file, 'utf8')) as CompactDeployment[];
  if (!Array.isArray(list) || list.length === 0) throw new RangeError(`${file} must hold a non-empty array of { code, port, databaseUrl?, indexPrefix? }`);
  const codes = new Set<string>();
  return list.map((d) => {
    if (codes.has(d.code)) throw new RangeError(`${file}: agency ${d.code} is listed twice`);
    codes.add(d.code);
    return loadAgencyConfig({
      ...env,
      HUB_AGENCY_CODE: d.code,
      PORT: String(d.port),
      HUB_DATABASE_URL: d.databaseUrl,
      HUB_AGENCY_INDEX_PREFIX: d.indexPrefix,
      // One name per deployment: the process's HUB_AGENCY_NAME would sign every agency's letters alike.
      HUB_AGENCY_NAME: d.name,
    });
  });
}
