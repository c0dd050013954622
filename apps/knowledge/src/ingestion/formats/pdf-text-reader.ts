import type { PageTextResult } from 'pdf-parse';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface PdfText {
  /** The Title of the PDF's info dictionary, when it has one. */
  title: string | null;
  pageCount: number;
  pages: PageTextResult[];
}

/** Why pdf.js could not read the file (its exception name and message). */
export class PdfReadError extends Error {
  constructor(
    readonly kind: 'invalid' | 'password' | 'timeout' | 'resources' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export interface PdfReadLimits {
  timeoutMs: number;
  /** Heap of the reading thread; a hostile PDF exhausts this, not the service. */
  maxHeapMb: number;
}

/**
 * Runs in a worker thread. pdf.js is CPU-bound (a 200-page PDF keeps it busy for a while) and a
 * hostile file can make it spin: in a thread the service keeps answering NATS, and a file that
 * takes too long is stopped by terminating the thread. pdf.js loads its own in-process "worker"
 * with a dynamic import(), which a real Node thread runs anywhere (jest's VM sandbox cannot).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParse);
(async () => {
  const parser = new PDFParse({ data: workerData.bytes });
  try {
    const { info, total } = await parser.getInfo();
    const { pages } = await parser.getText();
    const title = typeof info?.Title === 'string' ? info.Title : null;
    parentPort.postMessage({ ok: true, title, pageCount: total, pages });
  } catch (err) {
    parentPort.postMessage({ ok: false, name: String(err?.name ?? 'Error'), message: String(err?.message ?? err) });
  } finally {
    await parser.destroy();
  }
})();
`;

/**
 * Where the thread loads pdf-parse from. Not `require.resolve`: webpack turns that into a module
 * number in the service bundle; a require made from this file's path resolves like Node does.
 */
const PDF_PARSE_PATH = createRequire(__filename).resolve('pdf-parse');

type ThreadAnswer =
  | { ok: true; title: string | null; pageCount: number; pages: PageTextResult[] }
  | { ok: false; name: string; message: string };

/** The text of every page of a PDF, read by pdf.js (pdf-parse) off the event loop. */
export function readPdfText(bytes: Buffer, limits: PdfReadLimits): Promise<PdfText> {
  // A copy of exactly these bytes, moved (not cloned) into the thread.
  const data = new Uint8Array(bytes);
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { bytes: data, pdfParse: PDF_PARSE_PATH },
    transferList: [data.buffer],
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
  return new Promise<PdfText>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new PdfReadError('timeout', `reading the PDF took longer than ${Math.round(limits.timeoutMs / 1000)} s`))),
      limits.timeoutMs,
    );
    worker.once('message', (answer: ThreadAnswer) =>
      settle(() => (answer.ok ? resolve(answer) : reject(new PdfReadError(kindOf(answer.name), answer.message)))),
    );
    worker.once('error', (err: NodeJS.ErrnoException) =>
      settle(() =>
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PdfReadError('resources', 'the PDF needs more memory to read than a document may use')
          : err),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`the PDF reader thread exited with code ${code}`))));
  });
}

function kindOf(exceptionName: string): PdfReadError['kind'] {
  if (exceptionName === 'InvalidPDFException' || exceptionName === 'FormatError') return 'invalid';
  if (exceptionName === 'PasswordException') return 'password';
  return 'other';
}
