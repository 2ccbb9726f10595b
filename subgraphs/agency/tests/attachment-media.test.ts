import { attachmentPath, contentDisposition, parseAttachmentPath } from '../../../schema/contracts/attachments';
import { mediaTypeProblem } from '../services/attachment-media';

/** A ZIP with one stored (uncompressed) entry named `name`: what OFD, DOCX and XLSX packages start with. */
function zipWith(name: string): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from('<xml/>')]);
}
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe('attachment types by their first bytes', () => {
  it.each([
    ['application/ofd', zipWith('OFD.xml')],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', zipWith('word/document.xml')],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zipWith('xl/workbook.xml')],
    ['application/zip', zipWith('任意文件.txt')],
    ['application/msword', OLE2],
    ['application/vnd.ms-excel', OLE2],
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['application/pdf; charset=binary', Buffer.from('%PDF-1.4\n')],
  ])('accepts %s whose bytes are of that type', (type, content) => {
    expect(mediaTypeProblem(type, content)).toBeNull();
  });

  it.each([
    ['application/ofd', zipWith('word/document.xml')],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', zipWith('OFD.xml')],
    ['application/msword', Buffer.from('%PDF-1.4\n')],
    ['image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['application/pdf', Buffer.from('MZ\x90\x00 an executable')],
  ])('refuses %s whose bytes are of another type', (type, content) => {
    expect(mediaTypeProblem(type, content)?.en).toMatch(/is not the .* it is declared as/);
  });

  it('refuses types it does not accept, naming those it does, in both languages', () => {
    expect(mediaTypeProblem('text/html', Buffer.from('<html>'))).toEqual({
      zh: '不接受此类型的附件：text/html；可上传 PDF、OFD、DOC、DOCX、XLS、XLSX、JPEG、PNG、ZIP',
      en: 'Attachments of type text/html are not accepted; accepted: PDF, OFD, DOC, DOCX, XLS, XLSX, JPEG, PNG, ZIP',
    });
  });
});

describe('attachment paths and names', () => {
  it('round-trips a path and refuses anything else', () => {
    const path = attachmentPath('fjdrc:00000012', 3);
    expect(path).toBe('/attachments/fjdrc:00000012/3');
    expect(parseAttachmentPath(path)).toEqual({ documentId: 'fjdrc:00000012', agency: 'fjdrc', number: 3 });
    expect(parseAttachmentPath('/attachments/fjdrc%3A00000012')).toEqual({ documentId: 'fjdrc:00000012', agency: 'fjdrc' });
    for (const bad of ['/attachments/fjdrc:1/0', '/attachments/fjdrc:1/x', '/attachments/00000012/1', '/attachments/fjdrc:../1', '/attachments/%E0%A4%A/1', '/attachments/fjdrc:1/1/2', '/graphql']) {
      expect(parseAttachmentPath(bad)).toBeNull();
    }
  });

  it('names a download in ASCII for old clients and in UTF-8 by RFC 5987', () => {
    expect(contentDisposition('附件1：政策问答(2026).pdf')).toBe(
      `attachment; filename="__1_____(2026).pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B61%EF%BC%9A%E6%94%BF%E7%AD%96%E9%97%AE%E7%AD%94%282026%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
