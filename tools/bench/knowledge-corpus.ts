/**
 * A tenant's knowledge of about `target` chunks, loaded through the public API as a customer
 * would: products (~2 %), FAQ text (~10 %) and Markdown help-centre articles for the rest, all
 * from the seeded generator. The chunker decides how many chunks a text makes, so one article is
 * ingested first and the rest sized from what it produced.
 */
import { performance } from 'node:perf_hooks';
import type { DocumentDto } from '@parley/contracts';
import { createProduct, inBatches, uploadFaq, uploadFiles, waitUntilReady } from './knowledge-bench-client';
import { generateFaq, generateMarkdown, generateProducts } from './knowledge-text-generator';

const FAQ_PAIRS = 100;
const SECTIONS_PER_ARTICLE = 200;
const UPLOADS_AT_ONCE = 4;

export interface Corpus {
  chunks: number;
  documents: number;
  products: number;
  loadS: number;
}

/** `countChunks` answers the tenant's chunk count (from the database). */
export async function loadCorpus(baseUrl: string, token: string, target: number, countChunks: () => Promise<number>): Promise<Corpus> {
  const started = performance.now();
  const products = generateProducts(Math.max(1, Math.round(target * 0.02)));
  await inBatches(products, UPLOADS_AT_ONCE, (product) => createProduct(baseUrl, token, product));

  const faqDocuments = Math.max(1, Math.round((target * 0.1) / FAQ_PAIRS));
  const firstIds = await inBatches(Array.from({ length: faqDocuments }, (_, i) => i), UPLOADS_AT_ONCE, async (i) =>
    (await uploadFaq(baseUrl, token, generateFaq(FAQ_PAIRS, 1_000 + i), `Frequently asked questions, part ${i + 1}`, 'faq')).documents[0].id);
  const probe = await uploadArticle(baseUrl, token, 0, SECTIONS_PER_ARTICLE);
  const firstReady = await waitUntilReady(baseUrl, token, [...firstIds, probe.id]);

  const chunksPerSection = firstReady.get(probe.id)!.document.chunk_count / SECTIONS_PER_ARTICLE;
  let sectionsLeft = Math.max(0, Math.round((target - (await countChunks())) / chunksPerSection));
  const articleSizes: number[] = [];
  while (sectionsLeft > 0) {
    articleSizes.push(Math.min(SECTIONS_PER_ARTICLE, sectionsLeft));
    sectionsLeft -= SECTIONS_PER_ARTICLE;
  }
  const restIds = await inBatches(articleSizes, UPLOADS_AT_ONCE, async (sections, i) => (await uploadArticle(baseUrl, token, i + 1, sections)).id);
  await waitUntilReady(baseUrl, token, restIds);

  return {
    chunks: await countChunks(),
    documents: faqDocuments + 1 + articleSizes.length,
    products: products.length,
    loadS: (performance.now() - started) / 1000,
  };
}

async function uploadArticle(baseUrl: string, token: string, index: number, sections: number): Promise<DocumentDto> {
  const title = `Help centre, volume ${index + 1}`;
  const { answer } = await uploadFiles(
    baseUrl, token,
    [{ filename: `help-centre-${String(index + 1).padStart(2, '0')}.md`, contentType: 'text/markdown', bytes: generateMarkdown(title, sections, 2_000 + index) }],
    { category: 'help centre' },
  );
  return answer.documents[0];
}
