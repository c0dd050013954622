/**
 * Ingestion of a 200-page PDF (a customer handbook: a heading and ~350 words of prose per page,
 * written by pdfkit) through POST /api/v1/knowledge/documents → transfer store → knowledge service
 * (parse with pdf.js in a worker thread, chunk, store chunks with their tsvector and GIN entries),
 * polled with GET /api/v1/knowledge/documents/:id until ready. Each run into a tenant of its own.
 * Prints per run and the median: upload answer time, time to ready, pages/s, chunks, CPU per
 * process; then the same file's parse and chunking timed in this process, so the time can be
 * split into parsing, chunking and storing/indexing.
 * Usage: npm run bench:knowledge-ingest [-- --runs 3 --pages 200]
 */
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { pdfFixture } from '@parley/testing';
import { chunkSections } from '../../apps/knowledge/src/ingestion/chunker';
import { parsePdf } from '../../apps/knowledge/src/ingestion/formats/pdf-parser';
import { knowledgeConfigSpec } from '../../apps/knowledge/src/knowledge.config';
import {
  argValue, cpuDelta, machineNote, median, printCpu, printTable, registerOwner, runBench, startBenchPlatform, type CpuSeconds,
} from './bench-platform';
import { uploadFiles, waitUntilReady } from './knowledge-bench-client';
import { generatePages } from './knowledge-text-generator';

const RUNS = argValue('runs', 3);
const PAGES = argValue('pages', 200);
const WARM_UP_PAGES = 10;
// Fine enough against ingestion times of seconds, coarse enough not to load the gateway.
const POLL_MS = 50;
const CHUNK_OPTIONS = { maxWords: knowledgeConfigSpec.CHUNK_MAX_WORDS.default ?? 180, overlapWords: knowledgeConfigSpec.CHUNK_OVERLAP_WORDS.default ?? 30 };

interface Run {
  uploadMs: number;
  gatewayMs: number | undefined;
  readyS: number;
  /** The document's created_at → processed_at: queueing in the service, parse, chunk, store. */
  serviceS: number;
  chunks: number;
  pageCount: number | null;
  cpu: CpuSeconds;
}

runBench(async () => {
  const pdf = await pdfFixture(generatePages(PAGES), { title: 'Customer handbook' });
  const warmUpPdf = await pdfFixture(generatePages(WARM_UP_PAGES, 99), { title: 'Warm-up handbook' });
  const megabytes = pdf.length / 1_048_576;
  const platform = await startBenchPlatform({ port: 18400, services: ['identity', 'knowledge'] });
  const runs: Run[] = [];
  try {
    // JIT, pools, the transfer store and the PDF thread's first start, on another tenant.
    const warmUpOwner = await registerOwner(platform.baseUrl, 'ingest-warmup');
    const warmUp = await uploadFiles(platform.baseUrl, warmUpOwner.token, [{ filename: 'warm-up.pdf', contentType: 'application/pdf', bytes: warmUpPdf }]);
    await waitUntilReady(platform.baseUrl, warmUpOwner.token, warmUp.answer.documents.map((d) => d.id), { pollMs: POLL_MS });

    for (let run = 0; run < RUNS; run += 1) {
      const owner = await registerOwner(platform.baseUrl, `ingest${run}`);
      const mark = platform.gatewayLogMark();
      const cpuBefore = platform.cpuSeconds();
      const started = performance.now();
      const upload = await uploadFiles(platform.baseUrl, owner.token, [{ filename: 'customer-handbook.pdf', contentType: 'application/pdf', bytes: pdf }]);
      const [id] = upload.answer.documents.map((d) => d.id);
      const { document, readyAt } = (await waitUntilReady(platform.baseUrl, owner.token, [id], { pollMs: POLL_MS })).get(id)!;
      const cpu = cpuDelta(cpuBefore, platform.cpuSeconds());
      const [gatewayMs] = await platform.gatewayTimes('/api/v1/knowledge/documents', mark, 1, 'POST');
      runs.push({
        uploadMs: upload.wallMs,
        gatewayMs,
        readyS: (readyAt - started) / 1000,
        serviceS: (Date.parse(document.processed_at ?? '') - Date.parse(document.created_at)) / 1000,
        chunks: document.chunk_count,
        pageCount: document.page_count,
        cpu,
      });
    }
  } finally {
    await platform.close();
  }

  // The same bytes, parsed and chunked here with the platform stopped: what each step costs alone.
  const parseInProcessMs: number[] = [];
  const parseServiceWayMs: number[] = [];
  const chunkMs: number[] = [];
  let parsedPages = 0;
  let chunkDrafts = 0;
  for (let run = 0; run < RUNS; run += 1) {
    let started = performance.now();
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      parsedPages = (await parser.getText()).pages.length;
    } finally {
      await parser.destroy();
    }
    parseInProcessMs.push(performance.now() - started);

    started = performance.now();
    const extracted = await parsePdf(pdf);
    parseServiceWayMs.push(performance.now() - started);

    started = performance.now();
    chunkDrafts = chunkSections(extracted.sections, CHUNK_OPTIONS).length;
    chunkMs.push(performance.now() - started);
  }

  const medianOf = (pick: (run: Run) => number) => median(runs.map(pick));
  const row = (label: string, r: Omit<Run, 'cpu'>) => [
    label, r.uploadMs.toFixed(0), r.gatewayMs ?? '-', r.readyS.toFixed(2), r.serviceS.toFixed(2), (PAGES / r.readyS).toFixed(1),
    (PAGES / r.serviceS).toFixed(1), r.chunks, r.pageCount ?? '-',
  ];
  const medianRun = {
    uploadMs: medianOf((r) => r.uploadMs), gatewayMs: medianOf((r) => r.gatewayMs ?? NaN), readyS: medianOf((r) => r.readyS),
    serviceS: medianOf((r) => r.serviceS), chunks: medianOf((r) => r.chunks), pageCount: medianOf((r) => r.pageCount ?? NaN),
  };

  console.log(`\nPOST /api/v1/knowledge/documents: a ${PAGES}-page PDF (${megabytes.toFixed(2)} MB, ~350 words a page), full-text indexing (no embeddings provider), ${RUNS} runs, each into an empty tenant`);
  console.log(machineNote());
  console.log('upload: client sends the file → 202 received; gateway: its logged time for that request; ready: upload start → first poll that');
  console.log(`sees status ready (polled every ${POLL_MS} ms); service: the document's created_at → processed_at (queued, parsed, chunked, stored)\n`);
  printTable([
    ['run', 'upload ms', 'gateway ms', 'ready s', 'service s', 'pages/s (ready)', 'pages/s (service)', 'chunks', 'pages'],
    ...runs.map((r, i) => row(`${i + 1}`, r)),
    row('median', medianRun),
  ]);
  const total = runs.reduce<CpuSeconds>((sum, r) => Object.fromEntries(Object.entries(r.cpu).map(([k, v]) => [k, (sum[k] ?? 0) + v])), {});
  printCpu(total, PAGES * RUNS, runs.reduce((s, r) => s + r.readyS, 0), 'page');

  const parseThread = median(parseServiceWayMs) / 1000;
  const chunking = median(chunkMs) / 1000;
  const rest = medianRun.serviceS - parseThread - chunking;
  const share = (s: number) => `${((s / medianRun.serviceS) * 100).toFixed(0)} %`;
  console.log(`\nthe same PDF in this process (median of ${RUNS}; the platform stopped): ${parsedPages} pages, ${chunkDrafts} chunks`);
  printTable([
    ['step', 'ms', 'share of the median service time'],
    ['pdf-parse getText(), in process', median(parseInProcessMs).toFixed(0), share(median(parseInProcessMs) / 1000)],
    ["the service's parsePdf (worker thread: start, copy, getInfo + getText)", (parseThread * 1000).toFixed(0), share(parseThread)],
    ['chunkSections', (chunking * 1000).toFixed(1), share(chunking)],
    ['the rest: pick-up, reading the upload, storing chunks (tsvector, GIN), events', (rest * 1000).toFixed(0), share(rest)],
  ]);
  console.log(`\ningest throughput (median): ${(PAGES / medianRun.readyS).toFixed(1)} pages/s as the client sees it (upload to ready), ${(PAGES / medianRun.serviceS).toFixed(1)} pages/s in the service`);
});
