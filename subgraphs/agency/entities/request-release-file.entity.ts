import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * 随答复提供的政府信息 — one file the handling agency releases to the requester with its reply
 * (a list, a scanned document), uploaded by a disclosure officer while the request is open and kept
 * with the request once it is archived (保存备查). Its bytes live in the deployment's own database,
 * so the file commits or rolls back with the request and a backup holds what was released.
 */
@Entity({ tableName: 'request_release_file' })
@Unique({ properties: ['requestId', 'number'] })
@Unique({ properties: ['requestId', 'sha256'] })
export class RequestReleaseFileEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  requestId!: string;

  /** 1, 2, … within the request, in upload order: the number the reply letter lists it by. */
  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'string', length: 128 })
  mediaType!: string;

  @Property({ type: 'integer' })
  bytes!: number;

  /** SHA-256 of the content, hex: what was released can be proven unchanged. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  /** The file's bytes; lists never load them. */
  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: Date })
  uploadedAt!: Date;

  @Property({ type: 'string', length: 128 })
  uploadedBy!: string;
}
