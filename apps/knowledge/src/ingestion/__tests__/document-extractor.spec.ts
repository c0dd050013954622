import { loadConfig } from '@parley/platform';
import { corruptPdf, docxFixture, htmlPage, imageOnlyPdf, pdfFixture, startTestSite } from '@parley/testing';
import { knowledgeConfigSpec } from '../../knowledge.config';
import { DocumentExtractor } from '../document-extractor';
import { IngestionError } from '../extracted-document';

const extractor = new DocumentExtractor(loadConfig(knowledgeConfigSpec, { CRAWL_ALLOW_PRIVATE_HOSTS: 'true' }));

describe('DocumentExtractor', () => {
  describe('PDF', () => {
    it('reads every page with its page number and the title from the PDF info', async () => {
      const bytes = await pdfFixture(
        [
          { heading: 'Returns', paragraphs: ['Items can be returned within 30 days of delivery.'] },
          { heading: 'Shipping', paragraphs: ['We ship to 40 countries.', 'Express delivery takes two days.'] },
          { heading: 'Warranty', paragraphs: ['Every device has a two year warranty.'] },
        ],
        { title: 'Customer Handbook' },
      );
      const doc = await extractor.extract({ type: 'pdf', bytes });
      expect(doc.title).toBe('Customer Handbook');
      expect(doc.pageCount).toBe(3);
      expect(doc.sections.map((s) => s.page)).toEqual([1, 2, 3]);
      expect(doc.sections.every((s) => s.kind === 'prose')).toBe(true);
      expect(doc.sections[0].text).toContain('Items can be returned within 30 days of delivery.');
      expect(doc.sections[1].text).toContain('Express delivery takes two days.');
      expect(doc.sections[1].text).not.toContain('30 days');
      expect(doc.sections[2].text).toContain('two year warranty');
    });

    it('fails a corrupt PDF with the reason', async () => {
      const failure = extractor.extract({ type: 'pdf', bytes: corruptPdf() });
      await expect(failure).rejects.toBeInstanceOf(IngestionError);
      await expect(failure).rejects.toThrow('the file is not a readable PDF: Invalid PDF structure');
    });

    it('fails a PDF without a text layer, as a scanner makes', async () => {
      await expect(extractor.extract({ type: 'pdf', bytes: await imageOnlyPdf(2) })).rejects.toThrow(
        new IngestionError('the PDF has no extractable text (scanned images need OCR)'),
      );
    });
  });

  describe('DOCX', () => {
    it('turns Word headings into heading paths', async () => {
      const bytes = await docxFixture([
        { heading: 'Onboarding', level: 1, text: 'Welcome to the team.' },
        { heading: 'Accounts', level: 2, text: 'IT creates your email account on day one.' },
        { heading: 'Laptop', level: 3, text: 'Pick up your laptop at the front desk.' },
        { heading: 'Benefits', level: 2, text: 'Health insurance starts after one month.' },
      ]);
      const doc = await extractor.extract({ type: 'docx', bytes });
      expect(doc.title).toBe('Onboarding');
      expect(doc.sections.map((s) => [s.heading, s.text])).toEqual([
        [['Onboarding'], 'Welcome to the team.'],
        [['Onboarding', 'Accounts'], 'IT creates your email account on day one.'],
        [['Onboarding', 'Accounts', 'Laptop'], 'Pick up your laptop at the front desk.'],
        [['Onboarding', 'Benefits'], 'Health insurance starts after one month.'],
      ]);
    });

    it('fails a file that is not a Word document', async () => {
      const bytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('no central directory here')]);
      const failure = extractor.extract({ type: 'docx', bytes });
      await expect(failure).rejects.toBeInstanceOf(IngestionError);
      await expect(failure).rejects.toThrow(/^the file is not a readable DOCX: /);
    });
  });

  describe('HTML', () => {
    it('keeps the article and strips navigation, sidebars and footers', async () => {
      const html = htmlPage('Acme Support', `
        <header><a href="/">Acme</a><nav><a href="/shop">Shop the spring sale</a><a href="/blog">Read our blog</a></nav></header>
        <aside><h3>Related</h3><p>Subscribe to our newsletter for weekly deals.</p></aside>
        <main>
          <article>
            <h1>Acme Support</h1>
            <p>Our support team answers calls from 8am to 8pm every weekday, and chats around the clock.</p>
            <h2>Refunds</h2>
            <p>Refunds reach your card within five business days after we receive the returned item.</p>
            <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>$20 per month</td></tr></table>
          </article>
        </main>
        <footer><p>Copyright 2025 Acme Corporation. All rights reserved.</p></footer>`);
      const doc = await extractor.extract({ type: 'html', bytes: Buffer.from(html) });
      const text = doc.sections.map((s) => s.text).join('\n');
      expect(doc.title).toBe('Acme Support');
      expect(text).toContain('Our support team answers calls from 8am to 8pm');
      expect(text).toContain('Pro | $20 per month');
      for (const boilerplate of ['spring sale', 'Read our blog', 'newsletter', 'Copyright']) expect(text).not.toContain(boilerplate);
      expect(doc.sections.map((s) => s.heading)).toEqual([['Acme Support'], ['Acme Support', 'Refunds']]);
    });
  });

  describe('Markdown', () => {
    it('follows headings, lists and code', async () => {
      const markdown = [
        '# Pricing', '', 'Plans are billed monthly.', '', '## Starter', '', '- 5 seats', '- Email support', '',
        '## Enterprise', '', 'Single sign-on and **audit logs**.', '', '### Contract', '', '```', 'annual only', '```', '',
      ].join('\n');
      const doc = await extractor.extract({ type: 'md', bytes: Buffer.from(markdown) });
      expect(doc.title).toBe('Pricing');
      expect(doc.sections.map((s) => [s.heading, s.text])).toEqual([
        [['Pricing'], 'Plans are billed monthly.'],
        [['Pricing', 'Starter'], '5 seats\n\nEmail support'],
        [['Pricing', 'Enterprise'], 'Single sign-on and audit logs.'],
        [['Pricing', 'Enterprise', 'Contract'], 'annual only'],
      ]);
    });
  });

  describe('text', () => {
    it('splits plain text into paragraphs with no headings', async () => {
      const doc = await extractor.extract({ type: 'txt', bytes: Buffer.from('\uFEFFWe open at 9.\r\nWe close at 5.\r\n\r\n\r\nClosed on Sundays.\n') });
      expect(doc.title).toBeNull();
      expect(doc.sections).toEqual([
        { heading: [], text: 'We open at 9.\nWe close at 5.', kind: 'prose' },
        { heading: [], text: 'Closed on Sundays.', kind: 'prose' },
      ]);
    });

    it('fails a file with no text', async () => {
      await expect(extractor.extract({ type: 'txt', bytes: Buffer.from(' \n\n \n') })).rejects.toThrow(
        new IngestionError('the document has no text to index'),
      );
    });
  });

  it('splits FAQ text into question/answer sections', async () => {
    const doc = await extractor.extract({ type: 'faq', text: 'Q: Do you ship abroad?\nA: Yes, to 40 countries.' });
    expect(doc.sections).toEqual([{ heading: ['Do you ship abroad?'], text: 'Yes, to 40 countries.', kind: 'faq' }]);
  });

  it('crawls a website, following links in the navigation it strips', async () => {
    const site = await startTestSite({
      '/': htmlPage('Home', '<nav><a href="/bread">Bread</a></nav><main><h1>Home</h1><p>Welcome to the bakery.</p></main>'),
      '/bread': htmlPage('Bread', '<main><h1>Bread</h1><p>Sourdough is baked every morning at six.</p></main>'),
    });
    try {
      const doc = await extractor.extract({ type: 'website', url: `${site.url}/` });
      expect(doc.title).toBe('Home');
      expect(doc.pageCount).toBe(2);
      expect(doc.sections.map((s) => [s.url, s.heading, s.text])).toEqual([
        [`${site.url}/`, ['Home'], 'Welcome to the bakery.'],
        [`${site.url}/bread`, ['Bread'], 'Sourdough is baked every morning at six.'],
      ]);
    } finally {
      await site.close();
    }
  });
});
