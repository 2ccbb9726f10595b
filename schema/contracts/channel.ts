import { registerEnumType } from 'type-graphql';

/** 公开渠道 — where a document goes out. */
export enum Channel { PORTAL = 'PORTAL', GAZETTE = 'GAZETTE', PRESS_CONFERENCE = 'PRESS_CONFERENCE', NEW_MEDIA = 'NEW_MEDIA', READING_POINT = 'READING_POINT' }

registerEnumType(Channel, { name: 'Channel', description: '公开渠道 / Publication channel' });
