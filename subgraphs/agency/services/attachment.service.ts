import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { BadUserInputError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { actorOf, isStaff, type AgencyContext } from '../context';
import { DocumentEntity } from '../entities/document.entity';
import { AttachmentEntity, AttachmentFileEntity, DocumentRevisionEntity } from '../entities/document-parts.entity';
import { DocumentEventKind, DocumentStatus } from '../entities/enums';
import { requiredText } from '../../shared/text-input';
import { bareMediaType, mediaTypeProblem } from './attachment-media';
import { isPublic, loadForWrite, recordEvent } from './document.service';
import { checkReleaseHolds } from './release-hold';
import { currentSerial, nextSerial } from './serial';

/**
 * A refusal of an upload or a download that is not a GraphQL error: it travels as an HTTP status
 * with a bilingual message and a code (`PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`,
 * `ATTACHMENT_REJECTED`, `SCAN_UNAVAILABLE`, `GONE`).
 */
export class AttachmentRefusal extends Error {
  constructor(readonly status: number, readonly code: string, zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}

/** The refusal of a file larger than the deployment accepts. */
export function tooLarge(maxBytes: number): AttachmentRefusal {
  return new AttachmentRefusal(413, 'PAYLOAD_TOO_LARGE', `附件过大（上限 ${maxBytes} 字节）`, `The attachment is too large (max ${maxBytes} bytes)`);
}

/** A file an editor uploads: its name, its declared media type and size, and how to read its bytes. */
export interface AttachmentUpload {
  fileName: string | null;
  mediaType: string;
  /** The size the request announces (Content-Length), checked before anything is read. */
  declaredBytes: number;
  /** Reads the bytes, refusing more than the deployment accepts; called once the caller may upload. */
  read: () => Promise<Buffer>;
}

/** The upload's outcome: the attachment, and false when the same file was already attached (a retry). */
export interface UploadResult {
  attachment: AttachmentEntity;
  created: boolean;
}

/**
 * Runs the configured virus scan on the file (see AgencyConfig.attachmentScanCommand): resolves
 * when it is clean, refuses it when the scanner says infected (exit 1), and refuses the upload as
 * unavailable on any other outcome — a file is never accepted unscanned when a scanner is set.
 */
async function scan(ctx: AgencyContext, content: Buffer): Promise<void> {
  const command = ctx.runtime.config.attachmentScanCommand;
  if (!command) return;
  const dir = await mkdtemp(join(tmpdir(), 'hub-scan-'));
  const file = join(dir, 'upload');
  try {
    await writeFile(file, content, { mode: 0o600 });
    const exitCode = await new Promise<number | 'failed'>((resolve) => {
      execFile(command[0], [...command.slice(1), file], { timeout: ctx.runtime.config.attachmentScanTimeoutMs }, (error) => {
        if (!error) return resolve(0);
        resolve(typeof error.code === 'number' && !error.killed ? error.code : 'failed');
      });
    });
    if (exitCode === 1) {
      throw new AttachmentRefusal(422, 'ATTACHMENT_REJECTED', '附件未通过病毒扫描，未予接收', 'The attachment failed the virus scan and was not accepted');
    }
    if (exitCode !== 0) {
      console.error(`[attachments] virus scan ${command[0]} gave no verdict (${exitCode})`);
      throw new AttachmentRefusal(503, 'SCAN_UNAVAILABLE', '病毒扫描暂不可用，请稍后重试', 'The virus scan is unavailable; please try again later');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A file name as stored and sent back in Content-Disposition: no path, no control characters. */
export function checkFileName(value: string | null): string {
  const name = requiredText('fileName', '附件文件名', value, 255);
  if (/[\\/\u0000-\u001f\u007f]/.test(name)) {
    throw new BadUserInputError('fileName', '附件文件名不能含路径分隔符或控制字符', 'The file name must not contain path separators or control characters');
  }
  return name;
}

/**
 * Reads an uploaded file once its caller may upload, and checks it: the size the deployment
 * accepts, not empty, its bytes of the type it declares, the virus scan. Shared by every upload
 * (attachments, files released with a reply). @returns the bytes and their SHA-256 (hex).
 */
export async function readCheckedUpload(ctx: AgencyContext, upload: AttachmentUpload): Promise<{ content: Buffer; sha256: string }> {
  const maxBytes = ctx.runtime.config.maxAttachmentBytes;
  const content = await upload.read();
  if (content.length > maxBytes) throw tooLarge(maxBytes);
  if (content.length === 0) throw new BadUserInputError('file', '附件内容为空', 'The file is empty');
  const problem = mediaTypeProblem(upload.mediaType, content);
  if (problem) throw new AttachmentRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', problem.zh, problem.en);
  await scan(ctx, content);
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * 上传附件 — an editor of the agency attaches a file to a draft, or to the revision of a published
 * document (the file is public with that revision, never before; a published file is never
 * changed). Checked before anything is written: the caller, the size, the type against the file's
 * own bytes, the virus scan. Written in one transaction: the file (once per content hash), its
 * attachment row and the document's event; a document under review goes back to draft, and the
 * uploader counts as an author (four-eyes). Uploading the same bytes to the same document again —
 * a retry after a lost answer — answers the attachment already made.
 */
export async function uploadAttachment(ctx: AgencyContext, documentId: string, upload: AttachmentUpload): Promise<UploadResult> {
  const config = ctx.runtime.config;
  await loadForWrite(ctx, ctx.em, documentId, ['editor']);
  if (upload.declaredBytes > config.maxAttachmentBytes) throw tooLarge(config.maxAttachmentBytes);
  const fileName = checkFileName(upload.fileName);
  const { content, sha256 } = await readCheckedUpload(ctx, upload);
  const write = () => ctx.em.fork().transactional(async (em) => {
    const now = ctx.runtime.clock.now();
    const doc = await loadForWrite(ctx, em, documentId, ['editor']);
    await checkReleaseHolds(em, doc.id, now, 'change');
    if (doc.status === DocumentStatus.WITHDRAWN) throw new WorkflowConflictError('已撤回的文件不能添加附件', 'A withdrawn document cannot get attachments', doc.status);
    const existing = await em.findOne(AttachmentEntity, { documentId, sha256 });
    if (existing) return { attachment: existing, created: false };
    const revision = doc.status === DocumentStatus.PUBLISHED ? await em.findOne(DocumentRevisionEntity, { documentId }) : null;
    if (doc.status === DocumentStatus.PUBLISHED && !revision) {
      throw new WorkflowConflictError(
        '已发布文件的附件不能更改；请先修改文件（说明理由）生成修订稿，再为修订稿添加附件',
        'A published document\'s files never change: change the document first (updateDocument with a reason), then attach files to its revision',
        doc.status,
      );
    }
    if (!(await em.count(AttachmentFileEntity, { sha256 }))) {
      em.persist(em.create(AttachmentFileEntity, { sha256, content, sizeBytes: content.length, createdAt: now }));
    }
    const attachment = em.create(AttachmentEntity, {
      documentId, number: await nextAttachmentNumber(em, documentId), fileName, mediaType: bareMediaType(upload.mediaType), sizeBytes: content.length, sha256,
      inRevision: revision !== null,
    });
    em.persist(attachment);
    backToDraft(ctx, doc, revision, now);
    recordEvent(ctx, em, doc, DocumentEventKind.EDITED, `添加附件 / Attached ${attachment.number}: ${fileName} (sha256 ${sha256})`);
    return { attachment, created: true };
  });
  try {
    return await write();
  } catch (error) {
    // A concurrent retry with the same file committed first: this one answers what it made.
    if (error instanceof UniqueConstraintViolationException) return write();
    throw error;
  }
}

/**
 * The next number of a document's attachment, never one it had before (a removed draft file's
 * number is not given to another file): a per-document counter, started past the numbers of
 * attachments recorded before it existed.
 */
async function nextAttachmentNumber(em: EntityManager, documentId: string): Promise<number> {
  const key = `attachment:${documentId}`;
  const [last] = await em.find(AttachmentEntity, { documentId }, { orderBy: { number: 'desc' }, limit: 1 });
  const given = await currentSerial(em, key);
  return nextSerial(em, key, Math.max(1, (last?.number ?? 0) - given + 1));
}

/** The version under work changed: it is reviewed again, and whoever changed its files is one of its authors (four-eyes). */
function backToDraft(ctx: AgencyContext, doc: DocumentEntity, revision: DocumentRevisionEntity | null, now: Date): void {
  if (revision) {
    revision.status = DocumentStatus.DRAFT;
    revision.authors = [...new Set([...revision.authors, actorOf(ctx)])];
    revision.updatedAt = now;
  } else {
    doc.status = DocumentStatus.DRAFT;
    doc.updatedAt = now;
  }
}

/**
 * 删除附件 — an editor removes a file that is not public yet: one of a draft's, or one the
 * revision of a published document brought. A file of a published version is never removed
 * (CONFLICT). Its bytes go too unless another attachment holds the same file.
 */
export async function removeAttachment(ctx: AgencyContext, documentId: string, number: number): Promise<DocumentEntity> {
  return ctx.em.transactional(async (em) => {
    const now = ctx.runtime.clock.now();
    const doc = await loadForWrite(ctx, em, documentId, ['editor']);
    await checkReleaseHolds(em, doc.id, now, 'change');
    const attachment = await em.findOne(AttachmentEntity, { documentId, number });
    if (!attachment) throw new NotFoundError('附件 attachment', `${documentId}/${number}`);
    const published = doc.version > 0 && !attachment.inRevision;
    if (published || doc.status === DocumentStatus.WITHDRAWN) {
      throw new WorkflowConflictError('已发布的附件不能删除或更改', 'A published file is never removed or changed; a new version brings its own files', doc.status);
    }
    const revision = attachment.inRevision ? await em.findOne(DocumentRevisionEntity, { documentId }) : null;
    em.remove(attachment);
    await em.flush();
    if (attachment.sha256 && !(await em.count(AttachmentEntity, { sha256: attachment.sha256 }))) {
      await em.nativeDelete(AttachmentFileEntity, { sha256: attachment.sha256 });
    }
    backToDraft(ctx, doc, revision, now);
    recordEvent(ctx, em, doc, DocumentEventKind.EDITED, `删除附件 / Removed ${number}: ${attachment.fileName}`);
    return doc;
  });
}

/** A file as its download sends it. */
export interface AttachmentDownload {
  attachment: AttachmentEntity;
  content: Buffer;
  /** True when only the agency's staff may read it (not public yet): never cached by shared caches. */
  restricted: boolean;
}

/**
 * A file with the document's visibility: the public (and every other caller) reads the files of a
 * published proactive document, the agency's own staff also those of its drafts and revisions.
 * Null when the caller may not know the file exists — a 404 whatever the reason, so a hidden
 * document's existence does not leak. A withdrawn document's files are gone for the public (410).
 */
export async function readAttachment(ctx: AgencyContext, documentId: string, number: number): Promise<AttachmentDownload | null> {
  const em = ctx.em;
  const doc = await em.findOne(DocumentEntity, { id: documentId });
  const staff = isStaff(ctx);
  if (!doc || (!staff && !isPublic(doc))) return null;
  const attachment = await em.findOne(AttachmentEntity, { documentId, number });
  if (!attachment?.sha256 || (!staff && attachment.inRevision)) return null;
  if (!staff && doc.status === DocumentStatus.WITHDRAWN) {
    throw new AttachmentRefusal(410, 'GONE', '该信息已撤回，附件不再提供', 'This information was withdrawn; its files are no longer served');
  }
  const file = await em.findOne(AttachmentFileEntity, { sha256: attachment.sha256 }, { populate: ['content'] });
  if (!file) return null;
  return { attachment, content: Buffer.from(file.content), restricted: !isPublic(doc) || attachment.inRevision };
}
