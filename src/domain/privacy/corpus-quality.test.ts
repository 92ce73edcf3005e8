import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { scanText, type ScanOptions } from './scan-text.ts';
import { FINDING_KINDS, type FindingKind } from './finding.ts';
import { parseLabelledText } from './corpus/labelled-text.ts';

// The kinds that block publication must be found (recall) without crying wolf (precision).
const GATES: Partial<Record<FindingKind, { recall: number; precision: number }>> = {
  id_card: { recall: 0.98, precision: 0.95 },
  mobile: { recall: 0.98, precision: 0.95 },
  bank_card: { recall: 0.98, precision: 0.95 },
  secret_marking: { recall: 0.98, precision: 0.95 },
};

const corpusDir = new URL('./corpus/', import.meta.url);
const options = JSON.parse(readFileSync(new URL('options.json', corpusDir), 'utf8')) as ScanOptions;
const documents = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, ...parseLabelledText(readFileSync(new URL(name, corpusDir), 'utf8')) }));

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function evaluate(): { tallies: Record<FindingKind, Tally>; mistakes: string[] } {
  const tallies = Object.fromEntries(FINDING_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<FindingKind, Tally>;
  const mistakes: string[] = [];
  for (const doc of documents) {
    // `info` findings are context for the reviewer, not claims that something is personal data.
    const found = scanText(doc.text, options).filter((f) => f.severity !== 'info');
    const key = (f: { kind: string; start: number; end: number }): string => `${f.kind}@${f.start}-${f.end}`;
    const expected = new Set(doc.labels.map(key));
    const actual = new Set(found.map(key));
    for (const f of found) {
      if (expected.has(key(f))) tallies[f.kind].tp++;
      else {
        tallies[f.kind].fp++;
        mistakes.push(`${doc.name}: unexpected ${f.kind} ${JSON.stringify(f.text)} (${f.severity})`);
      }
    }
    for (const l of doc.labels) {
      if (!actual.has(key(l))) {
        tallies[l.kind].fn++;
        mistakes.push(`${doc.name}: missed ${l.kind} ${JSON.stringify(l.text)}`);
      }
    }
  }
  return { tallies, mistakes };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

test('labelled corpus: per-kind precision and recall meet the gates', () => {
  const { tallies, mistakes } = evaluate();
  const rows = FINDING_KINDS.map((kind) => {
    const t = tallies[kind];
    const precision = ratio(t.tp, t.tp + t.fp);
    const recall = ratio(t.tp, t.tp + t.fn);
    return { kind, labelled: t.tp + t.fn, ...t, precision: precision.toFixed(3), recall: recall.toFixed(3) };
  });
  console.log(`privacy corpus: ${documents.length} documents, ${documents.reduce((n, d) => n + d.labels.length, 0)} labelled findings`);
  console.table(rows);
  if (mistakes.length > 0) console.log(mistakes.join('\n'));
  for (const [kind, gate] of Object.entries(GATES)) {
    const t = tallies[kind as FindingKind];
    assert.ok(t.tp + t.fn > 0, `${kind}: the corpus has no labelled examples`);
    assert.ok(ratio(t.tp, t.tp + t.fn) >= gate.recall, `${kind}: recall below ${gate.recall}`);
    assert.ok(ratio(t.tp, t.tp + t.fp) >= gate.precision, `${kind}: precision below ${gate.precision}`);
  }
});

test('labelled corpus: the size the quality gate needs', () => {
  assert.ok(documents.length >= 15, 'at least 15 documents');
  assert.ok(documents.reduce((n, d) => n + d.labels.length, 0) >= 300, 'at least 300 labelled findings');
});

test('labelled corpus: every finding is a faithful, ordered, non-overlapping span', () => {
  for (const doc of documents) {
    const found = scanText(doc.text, options);
    let previousEnd = 0;
    for (const f of found) {
      assert.equal(doc.text.slice(f.start, f.end), f.text, `${doc.name}: span text`);
      assert.ok(f.start >= previousEnd, `${doc.name}: ${f.kind}@${f.start} overlaps the previous finding`);
      previousEnd = f.end;
    }
  }
});
