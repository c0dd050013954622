import { corruptPdf, docxFixture, htmlPage, pdfFixture } from '@parley/testing';
import { detectFileType } from '../file-type-detector';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('detectFileType', () => {
  it('knows a PDF by its %PDF- header, whatever it is called', async () => {
    const pdf = await pdfFixture([{ heading: 'Prices', paragraphs: ['Ten dollars.'] }]);
    expect(detectFileType('prices.pdf', 'application/pdf', pdf)).toBe('pdf');
    expect(detectFileType('upload.bin', 'application/octet-stream', pdf)).toBe('pdf');
    expect(detectFileType('broken.pdf', undefined, corruptPdf())).toBe('pdf');
  });

  it('refuses a .pdf that is not a PDF', () => {
    expect(detectFileType('report.pdf', 'application/pdf', Buffer.from('just some text'))).toBeNull();
  });

  it('knows a DOCX by the zip header plus its name or content type', async () => {
    const docx = await docxFixture([{ heading: 'Title', text: 'Body' }]);
    expect(detectFileType('handbook.docx', undefined, docx)).toBe('docx');
    expect(detectFileType('handbook', DOCX, docx)).toBe('docx');
    expect(detectFileType('archive.zip', 'application/zip', docx)).toBeNull();
    expect(detectFileType('handbook.docx', DOCX, Buffer.from('not a zip at all'))).toBeNull();
  });

  it('takes text formats from the extension, else the content type', () => {
    const text = Buffer.from('Opening hours: 9 to 5, Monday to Friday. Déjà vu — ünïcödé.');
    expect(detectFileType('hours.txt', undefined, text)).toBe('txt');
    expect(detectFileType('README.md', 'application/octet-stream', text)).toBe('md');
    expect(detectFileType('notes.markdown', undefined, text)).toBe('md');
    expect(detectFileType('page.htm', undefined, Buffer.from(htmlPage('Hi', '<p>Hi</p>')))).toBe('html');
    expect(detectFileType('upload', 'text/html; charset=utf-8', Buffer.from(htmlPage('Hi', '<p>Hi</p>')))).toBe('html');
    expect(detectFileType('upload', 'text/markdown', text)).toBe('md');
    expect(detectFileType('upload', 'text/plain', text)).toBe('txt');
  });

  it('refuses binary data named as text', () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(detectFileType('image.txt', 'text/plain', binary)).toBeNull();
    expect(detectFileType('latin1.txt', 'text/plain', Buffer.from('caf\xe9 cr\xe8me', 'latin1'))).toBeNull();
  });

  it('accepts a head that cuts a UTF-8 character in half', () => {
    const head = Buffer.from('prix: 10 €', 'utf8').subarray(0, -1);
    expect(detectFileType('prices.txt', undefined, head)).toBe('txt');
  });

  it('refuses formats it does not read', () => {
    expect(detectFileType('leads.csv', 'text/csv', Buffer.from('a,b\n1,2'))).toBeNull();
    expect(detectFileType('photo.png', 'image/png', Buffer.from('PNG'))).toBeNull();
    expect(detectFileType('unnamed', undefined, Buffer.from('hello'))).toBeNull();
  });
});
