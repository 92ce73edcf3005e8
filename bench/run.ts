/**
 * `npm run bench`: runs every benchmark in bench/ (each exports `run()`) and prints its figures.
 * Speed targets live here, not in timed tests.
 */
import { readdirSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts')).sort();
for (const file of files) {
  const mod = (await import(new URL(file, here).href)) as { run?: () => Promise<{ name: string; lines: string[] }> };
  if (typeof mod.run !== 'function') continue;
  const result = await mod.run();
  console.log(`\n# ${result.name}`);
  for (const line of result.lines) console.log(line);
}
