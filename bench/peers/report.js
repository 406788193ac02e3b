// Reads the engines' outputs (see harness.js) from OUTDIR and prints one
// table, p50, p99, throughput and the ratio to remit, then checks that every
// engine gives remit's verdict on every decision and every boundary amount.
// Exit 1 on any disagreement.
// Usage: node report.js OUTDIR ENGINE…   (the first engine is the reference)
'use strict';
const fs = require('fs');
const path = require('path');

const [outdir, ...engines] = process.argv.slice(2);

function load(engine, set) {
  const lines = fs.readFileSync(path.join(outdir, `${engine}.${set}.out`), 'utf8').split('\n').filter((l) => l);
  const name = lines[0].replace(/^engine /, '');
  const [, n, total] = lines[lines.length - 1].split(' ');
  const rows = lines.slice(1, -1).map((l) => l.split(' ').map(Number));
  return { name, verdicts: rows.map((r) => r[0]), times: rows.map((r) => r[1]), passCalls: Number(n), passNs: Number(total) };
}
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ns = (x) => (x >= 10000 ? `${(x / 1000).toFixed(1)} µs` : `${x} ns`);
const num = (x) => x.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const ratio = (x) => (x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);

const results = engines.map((e) => ({ engine: e, decisions: load(e, 'decisions'), boundaries: load(e, 'boundaries') }));
const stats = results.map((r) => {
  const sorted = [...r.decisions.times].sort((a, b) => a - b);
  return { name: r.decisions.name, p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), perSecond: r.decisions.passCalls / (r.decisions.passNs / 1e9) };
});
const base = stats[0];
const n = results[0].decisions.verdicts.length;
console.log(`${num(n)} decisions, one engine at a time; each call timed alone (p50, p99; timer steps of 10 ns), then untimed passes (mean, throughput: the best of 20 passes for remit and the if-ladder, 3 for evaluate, 1 for the Node engines)\n`);
console.log('| engine | p50 | p99 | mean | decisions/s | p50 ÷ remit | mean ÷ remit |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const s of stats)
  console.log(`| ${s.name} | ${ns(s.p50)} | ${ns(s.p99)} | ${ns(Math.round(1e9 / s.perSecond))} | ${num(s.perSecond)} | ${ratio(s.p50 / Math.max(base.p50, 1))} | ${ratio(base.perSecond / s.perSecond)} |`);

let disagreements = 0;
console.log('');
for (const set of ['decisions', 'boundaries']) {
  const lines = fs.readFileSync(path.join(outdir, `${set}.jsonl`), 'utf8').split('\n').filter((l) => l);
  const reference = results[0][set].verdicts;
  for (const r of results.slice(1)) {
    const differ = [];
    r[set].verdicts.forEach((v, i) => { if (v !== reference[i]) differ.push(i); });
    if (r[set].verdicts.length !== reference.length) differ.push(-1);
    disagreements += differ.length;
    console.log(`${set}: ${r[set].name} ${differ.length ? `DISAGREES with remit on ${differ.length} of ${num(lines.length)}` : `agrees with remit on all ${num(lines.length)}`}`);
    for (const i of differ.slice(0, 5))
      console.log(`  remit ${reference[i] ? 'authorised' : 'not authorised'}, ${r[set].name} ${r[set].verdicts[i] ? 'authorised' : 'not authorised'}: ${lines[i]}`);
  }
}
process.exit(disagreements ? 1 : 0);
