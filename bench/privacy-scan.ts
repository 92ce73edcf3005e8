// Privacy scan throughput: builds about 1 MB (UTF-8) of realistic disclosure text from the labelled
// corpus (lists of names, ID and card numbers, notices, minutes), scans it several times and prints
// MB/s and the time per MB. Target: well under a second per MB.
// Run: node bin/run-ts.js bench/privacy-scan.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { scanText, type ScanOptions } from '../src/domain/privacy/scan-text.ts';
import { parseLabelledText } from '../src/domain/privacy/corpus/labelled-text.ts';

const TARGET_BYTES = 1024 * 1024;
const ROUNDS = 5;
const corpusDir = fileURLToPath(new URL('../src/domain/privacy/corpus/', import.meta.url));

function buildText(): string {
  const documents = readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => parseLabelledText(readFileSync(path.join(corpusDir, name), 'utf8')).text);
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const doc = documents[i % documents.length]!;
    parts.push(doc);
    bytes += Buffer.byteLength(doc, 'utf8') + 2;
  }
  return parts.join('\n\n');
}

/** Runs the benchmark and returns its report lines. */
export async function run(): Promise<{ name: string; lines: string[] }> {
  const options = JSON.parse(readFileSync(path.join(corpusDir, 'options.json'), 'utf8')) as ScanOptions;
  const text = buildText();
  const megabytes = Buffer.byteLength(text, 'utf8') / TARGET_BYTES;
  scanText(text, options); // warm-up: JIT and regex compilation
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    findings = scanText(text, options).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const msPerMb = median / megabytes;
  return {
    name: 'privacy-scan',
    lines: [
      `text: ${megabytes.toFixed(2)} MB UTF-8 (${text.length.toLocaleString('en')} UTF-16 units), ${findings.toLocaleString('en')} findings per scan`,
      `scan: median ${median.toFixed(1)} ms over ${ROUNDS} rounds (min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)})`,
      `throughput: ${(1000 / msPerMb).toFixed(2)} MB/s, ${msPerMb.toFixed(1)} ms per MB (target: well under 1000 ms per MB)`,
    ],
  };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const report = await run();
  console.log(`# ${report.name}`);
  for (const line of report.lines) console.log(line);
}
