/**
 * The file types an agency may attach to a document, each recognised from the file's own first
 * bytes (its magic number), not only from the type the uploader declares: a file is accepted only
 * when its content is what its declared type says.
 */

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(content: Buffer, magic: readonly number[]): boolean {
  return content.length >= magic.length && magic.every((byte, i) => content[i] === byte);
}

/**
 * A ZIP container holding an entry whose name starts with `entry`. Entry names are stored
 * uncompressed in every local file header, so they can be read without inflating anything.
 */
function zipHolds(content: Buffer, entry: string): boolean {
  if (!startsWith(content, ZIP)) return false;
  const name = Buffer.from(entry, 'latin1');
  for (let at = 0; at + 30 <= content.length;) {
    at = content.indexOf(Buffer.from(ZIP), at);
    if (at < 0 || at + 30 > content.length) return false;
    const nameLength = content.readUInt16LE(at + 26);
    const start = at + 30;
    if (nameLength >= name.length && content.subarray(start, start + name.length).equals(name)) return true;
    at = start;
  }
  return false;
}

/** One accepted type: its media type, its name for messages, and how its bytes are recognised. */
interface AttachmentType {
  mediaType: string;
  label: string;
  matches: (content: Buffer) => boolean;
}

/** Accepted attachment types: the formats government documents are published in. */
export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { mediaType: 'application/pdf', label: 'PDF', matches: (c) => startsWith(c, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  // 版式文档 OFD (GB/T 33190): a ZIP package whose root holds OFD.xml.
  { mediaType: 'application/ofd', label: 'OFD', matches: (c) => zipHolds(c, 'OFD.xml') },
  { mediaType: 'application/msword', label: 'DOC', matches: (c) => startsWith(c, OLE2) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX', matches: (c) => zipHolds(c, 'word/') || zipHolds(c, '[Content_Types].xml') },
  { mediaType: 'application/vnd.ms-excel', label: 'XLS', matches: (c) => startsWith(c, OLE2) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX', matches: (c) => zipHolds(c, 'xl/') || zipHolds(c, '[Content_Types].xml') },
  { mediaType: 'image/jpeg', label: 'JPEG', matches: (c) => startsWith(c, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/png', label: 'PNG', matches: (c) => startsWith(c, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'application/zip', label: 'ZIP', matches: (c) => startsWith(c, ZIP) || startsWith(c, [0x50, 0x4b, 0x05, 0x06]) },
];

/** The declared media type without parameters, lower case ("application/pdf; x=1" → "application/pdf"). */
export function bareMediaType(declared: string): string {
  return declared.split(';')[0].trim().toLowerCase();
}

/**
 * Why `content` cannot be accepted as `declared`: the type is not accepted at all, or the bytes are
 * not of that type; null when it can. Bilingual: an editor reads it.
 */
export function mediaTypeProblem(declared: string, content: Buffer): { zh: string; en: string } | null {
  const type = ATTACHMENT_TYPES.find((t) => t.mediaType === bareMediaType(declared));
  const labels = ATTACHMENT_TYPES.map((t) => t.label);
  if (!type) {
    return {
      zh: `不接受此类型的附件：${declared || '(未声明)'}；可上传 ${labels.join('、')}`,
      en: `Attachments of type ${declared || '(none)'} are not accepted; accepted: ${labels.join(', ')}`,
    };
  }
  if (!type.matches(content)) return { zh: `文件内容不是声明的 ${type.label} 格式`, en: `The file's content is not the ${type.label} it is declared as` };
  return null;
}
