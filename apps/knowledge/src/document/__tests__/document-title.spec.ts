import { defaultTitle, finalTitle, initialTitle } from '../document-title';

describe('document titles', () => {
  it('names a document by its source unless the request gives a title', () => {
    expect(initialTitle(undefined, 'handbook.pdf', 1)).toBe('handbook.pdf');
    expect(initialTitle(undefined, null, 1)).toBe('FAQ');
    expect(initialTitle('Handbook', 'handbook.pdf', 1)).toBe('Handbook');
  });

  it("appends each document's own name when several documents of one request share a title", () => {
    expect(initialTitle('Onboarding', 'a.pdf', 3)).toBe('Onboarding (a.pdf)');
    expect(initialTitle('Onboarding', 'https://example.com/', 3)).toBe('Onboarding (https://example.com/)');
    expect(initialTitle('Onboarding', null, 3)).toBe('Onboarding (FAQ)');
  });

  it('takes a title found in the file only in place of the default one', () => {
    expect(finalTitle(defaultTitle('report.pdf'), 'report.pdf', 'Annual Report 2025')).toBe('Annual Report 2025');
    expect(finalTitle('My report', 'report.pdf', 'Annual Report 2025')).toBe('My report');
    expect(finalTitle('report.pdf', 'report.pdf', '  ')).toBe('report.pdf');
    expect(finalTitle('FAQ', null, null)).toBe('FAQ');
  });
});
