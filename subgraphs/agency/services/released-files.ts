import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { requestFilePath } from '../../../schema/contracts/request-files';
import { ForbiddenError, NotFoundError, WorkflowConflictError } from '../../../schema/contracts/errors';
import { actorOf, agencyOf, handlesRequests, type AgencyContext } from '../context';
import { DisclosureRequestEntity } from '../entities/request.entity';
import { RequestStatus } from '../entities/request-enums';
import { RequestReleaseFileEntity } from '../entities/request-release-file.entity';
import { bareMediaType } from './attachment-media';
import { checkFileName, readCheckedUpload, tooLarge, type AttachmentUpload } from './attachment.service';
import { asVerifiedRequester, REFUSED_AS_FORBIDDEN } from './requester-verification';

/**
 * 随答复提供的政府信息 — the files an agency releases to the requester with its reply: uploaded by
 * the handling agency's disclosure officers while the request is open (with the checks of every
 * upload: size, name, type against the bytes, virus scan), listed in the reply letter, and
 * downloaded by the requester with the tracking code and PIN, or by the officers.
 */

/** The upload's outcome: the file, and false when the same bytes were already released with the request (a retry). */
export interface ReleasedFileUpload {
  file: RequestReleaseFileEntity;
  created: boolean;
}

/** A released file with its bytes, as its download sends it. */
export interface ReleasedFileDownload {
  file: RequestReleaseFileEntity;
  content: Buffer;
}

function requireHandler(ctx: AgencyContext): void {
  if (!handlesRequests(ctx)) {
    throw new ForbiddenError('只有本机关的依申请公开经办人员可以上传随答复提供的信息', `Only ${agencyOf(ctx)}'s disclosure officers and admin release files with a reply`);
  }
}

/** The request to release a file with: it exists and is still open (a replied request is archived, 保存备查). */
async function openRequest(em: EntityManager, requestId: string): Promise<DisclosureRequestEntity> {
  const request = await em.findOne(DisclosureRequestEntity, { id: requestId });
  if (!request) throw new NotFoundError('申请 request', requestId);
  if (request.status === RequestStatus.CLOSED) {
    throw new WorkflowConflictError('申请已答复并归档（保存备查），不能再添加随答复提供的信息', 'The request was replied to and archived; no file can be added to it', request.status);
  }
  return request;
}

/**
 * 上传随答复提供的信息 — a disclosure officer of the handling agency adds a file to an open request,
 * numbered 1, 2, … in upload order; the reply letter lists the files and the requester downloads
 * them. Checked before anything is written (the caller, the request, the size, the name, the
 * bytes, the scan); written in one transaction. The same bytes again — a retry after a lost
 * answer — answer the file already made.
 */
export async function uploadReleasedFile(ctx: AgencyContext, requestId: string, upload: AttachmentUpload): Promise<ReleasedFileUpload> {
  requireHandler(ctx);
  const maxBytes = ctx.runtime.config.maxAttachmentBytes;
  await openRequest(ctx.em as EntityManager, requestId);
  if (upload.declaredBytes > maxBytes) throw tooLarge(maxBytes);
  const fileName = checkFileName(upload.fileName);
  const { content, sha256 } = await readCheckedUpload(ctx, upload);
  const write = () => ctx.em.fork().transactional(async (em) => {
    await openRequest(em as EntityManager, requestId);
    const existing = await em.findOne(RequestReleaseFileEntity, { requestId, sha256 });
    if (existing) return { file: existing, created: false };
    const [last] = await em.find(RequestReleaseFileEntity, { requestId }, { orderBy: { number: 'desc' }, limit: 1 });
    const file = em.create(RequestReleaseFileEntity, {
      requestId, number: (last?.number ?? 0) + 1, fileName, mediaType: bareMediaType(upload.mediaType), bytes: content.length, sha256, content,
      uploadedAt: ctx.runtime.clock.now(), uploadedBy: actorOf(ctx),
    });
    em.persist(file);
    return { file, created: true };
  });
  try {
    return await write();
  } catch (error) {
    // A concurrent upload took the number, or a retry with the same bytes committed first.
    if (error instanceof UniqueConstraintViolationException) return write();
    throw error;
  }
}

/** A released file as the API describes it (the GraphQL ReleasedFile), downloaded by request id (officers) or tracking code (the requester). */
export function describeReleasedFile(file: RequestReleaseFileEntity, requestIdOrTrackingCode: string) {
  return {
    number: file.number, fileName: file.fileName, mediaType: file.mediaType, bytes: file.bytes, sha256: file.sha256,
    downloadPath: requestFilePath(requestIdOrTrackingCode, file.number),
  };
}

/** The files released with a request, by number; their bytes are not loaded. */
export function releasedFilesOf(em: EntityManager, requestId: string): Promise<RequestReleaseFileEntity[]> {
  return em.find(RequestReleaseFileEntity, { requestId }, { orderBy: { number: 'asc' } });
}

async function withContent(em: EntityManager, requestId: string, number: number): Promise<ReleasedFileDownload | null> {
  const file = await em.findOne(RequestReleaseFileEntity, { requestId, number }, { populate: ['content'] });
  return file ? { file, content: Buffer.from(file.content) } : null;
}

/** A released file for the handling agency's disclosure officers; null for anyone else and for a file that does not exist. */
export async function readReleasedFileAsOfficer(ctx: AgencyContext, requestId: string, number: number): Promise<ReleasedFileDownload | null> {
  if (!handlesRequests(ctx)) return null;
  return withContent(ctx.em as EntityManager, requestId, number);
}

/**
 * A released file for the requester, by tracking code and PIN: verified, locked out and logged
 * exactly as the requester's page ({@link asVerifiedRequester}), the file's number kept in the log.
 * @returns null when the request has no such file.
 * @throws ForbiddenError, with the page's own words, for a wrong code or PIN, or while locked.
 */
export function readReleasedFileAsRequester(ctx: AgencyContext, trackingCode: string, pin: string, number: number): Promise<ReleasedFileDownload | null> {
  return asVerifiedRequester(ctx, trackingCode, pin, number, REFUSED_AS_FORBIDDEN, (em, request) => withContent(em, request.id, number));
}
