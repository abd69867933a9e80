import { contentDisposition, inspectFile, sanitizeFileName } from './file-inspection';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const file = (originalname: string, mimetype: string, buffer = PNG) => ({
  fieldname: 'file',
  originalname,
  mimetype,
  size: buffer.length,
  buffer,
});

describe('sanitizeFileName', () => {
  it('drops directories, control and bidi characters and leading dots', () => {
    expect(sanitizeFileName('../../etc/passwd', 'image/png')).toBe('passwd');
    expect(sanitizeFileName('C:\\fakepath\\..\\KTP Sari.png', 'image/png')).toBe('KTP Sari.png');
    expect(sanitizeFileName('foto\u0000\u001b[31m\u202egnp.exe', 'image/png')).toBe('foto[31mgnp.exe');
    expect(sanitizeFileName('..', 'application/pdf')).toBe('dokumen.pdf');
    expect(sanitizeFileName('.htaccess', 'image/png')).toBe('htaccess');
  });

  it('caps the length and keeps the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.jpeg`, 'image/jpeg');
    expect(name).toHaveLength(120);
    expect(name.endsWith('.jpeg')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('Surat "lahir" Ñ.pdf')).toBe(
      `inline; filename="Surat _lahir_ _.pdf"; filename*=UTF-8''Surat%20%22lahir%22%20%C3%91.pdf`,
    );
    expect(contentDisposition("o'neil (1).png")).toBe(`inline; filename="o'neil (1).png"; filename*=UTF-8''o%27neil%20%281%29.png`);
  });
});

describe('inspectFile', () => {
  it('decides the type by content and accepts a generic declared type', async () => {
    await expect(inspectFile(file('scan', 'application/octet-stream'), 'file', 1000)).resolves.toMatchObject({
      contentType: 'image/png',
      fileName: 'scan',
      size: PNG.length,
    });
    await expect(inspectFile(file('KK 12.03.2024', 'image/png'), 'file', 1000)).resolves.toMatchObject({ contentType: 'image/png' });
  });

  it('refuses content that contradicts the name or declared type, or is not an allowed type', async () => {
    await expect(inspectFile(file('kk.pdf', 'application/octet-stream'), 'doc_kk', 1000)).rejects.toMatchObject({
      code: 'FILE_TYPE_UNSUPPORTED',
      extra: { details: [{ field: 'doc_kk', message: 'is named ".pdf" but its content is PNG' }] },
    });
    await expect(inspectFile(file('kk', 'application/pdf'), 'file', 1000)).rejects.toMatchObject({ code: 'FILE_TYPE_UNSUPPORTED' });
    await expect(inspectFile(file('a.png', 'image/png', Buffer.from('<svg/>')), 'file', 1000)).rejects.toMatchObject({
      code: 'FILE_TYPE_UNSUPPORTED',
    });
    await expect(inspectFile(file('a.png', 'image/png'), 'file', 10)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});
