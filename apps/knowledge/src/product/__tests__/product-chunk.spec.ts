import { productChunk, productChunkText } from '../product-chunk';

const base = {
  id: '6f1c2a52-5d4f-4a57-9a43-3c1f3cbb7f10', name: 'Solar Roof Kit', description: null, category: null, price: null,
  currency: 'USD', sku: null, features: [] as string[], knowledgeBase: 'default',
};

describe('product chunk', () => {
  it('describes the product in words: description, features, category, price and sku', () => {
    const text = productChunkText({
      ...base, description: ' Panels for flat roofs. ', features: ['25-year warranty', 'app monitoring'],
      category: 'energy', price: 4999.5, currency: 'EUR', sku: 'SRK-1',
    });
    expect(text).toBe('Panels for flat roofs.\nFeatures: 25-year warranty; app monitoring\nCategory: energy\nPrice: 4999.50 EUR\nSKU: SRK-1');
  });

  it('falls back to the name when nothing else is known, and a free product still has a price', () => {
    expect(productChunkText(base)).toBe('Solar Roof Kit');
    expect(productChunkText({ ...base, price: 0 })).toBe('Price: 0.00 USD');
  });

  it('is a product chunk titled and headed by the name, without a vector yet', () => {
    expect(productChunk({ ...base, category: 'energy', knowledgeBase: 'sales' }, 'de')).toEqual({
      documentId: null, productId: base.id, sourceType: 'product', title: 'Solar Roof Kit', url: null, category: 'energy',
      knowledgeBase: 'sales', ordinal: 0, heading: 'Solar Roof Kit', content: 'Category: energy', page: null,
      language: 'de', embedding: null,
    });
  });
});
