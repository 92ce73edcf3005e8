// A minimal HTTP load generator run in its own process (so it does not share the server's event
// loop): `node bench/load-client.mjs URL SECONDS CONCURRENCY` prints {rps, p50, p95, errors} as JSON.
import http from 'node:http';

const [url, seconds = '4', concurrency = '16'] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const times = [];
let errors = 0;
const end = performance.now() + Number(seconds) * 1000;
const one = () =>
  new Promise((resolve) => {
    const t = performance.now();
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          times.push(performance.now() - t);
          resolve();
        });
      })
      .on('error', () => {
        errors++;
        resolve();
      });
  });
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (performance.now() < end) await one();
  }),
);
agent.destroy();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ rps: times.length / Number(seconds), p50: times[Math.floor(times.length / 2)] ?? 0, p95: times[Math.floor(times.length * 0.95)] ?? 0, errors }));
