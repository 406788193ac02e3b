// Writes the decisions every engine runs, in remit's decision JSON, one a line:
//   decisions.jsonl   N random decisions (amounts often at and either side of
//                     a threshold, flags true one time in twenty)
//   boundaries.jsonl  every kind × every threshold −1p, at, +1p × every post ×
//                     no flag or one flag set
// Usage: node generate.js N SEED OUTDIR
'use strict';
const fs = require('fs');
const path = require('path');
const { KINDS, POSTS, FLAGS, THRESHOLDS } = require('./scheme');

const [n, seed, outdir] = [Number(process.argv[2] || 100000), Number(process.argv[3] || 2020), process.argv[4] || '.'];

// mulberry32: a small seeded generator, so that the files are the same everywhere.
function rng(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const pounds = (pence) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
const line = (id, kind, approver, pence, flags, date) => JSON.stringify({
  id, kind, date, approver,
  facts: Object.assign({ amount: pounds(pence) }, Object.fromEntries(FLAGS.map((f) => [f, flags.includes(f)]))),
}) + '\n';

const dates = ['2020-06-01', '2021-03-31', '2022-11-15', '2024-02-29'];
let out = '';
for (let i = 0; i < n; ++i) {
  let pence;
  if (random() < 0.3) pence = pick(THRESHOLDS) + pick([-1, 0, 1]);
  else pence = Math.floor(Math.exp(Math.log(10000) + random() * (Math.log(5e9) - Math.log(10000))));  // £100 to £50m, log-uniform
  const flags = FLAGS.filter(() => random() < 0.05);
  out += line(`d${i}`, pick(KINDS), pick(POSTS), pence, flags, pick(dates));
}
fs.writeFileSync(path.join(outdir, 'decisions.jsonl'), out);

out = '';
let b = 0;
for (const kind of KINDS)
  for (const t of THRESHOLDS)
    for (const delta of [-1, 0, 1])
      for (const post of POSTS)
        for (const flags of [[], ...FLAGS.map((f) => [f])])
          out += line(`b${b++}`, kind, post, t + delta, flags, '2020-06-01');
fs.writeFileSync(path.join(outdir, 'boundaries.jsonl'), out);
process.stderr.write(`wrote ${n} decisions and ${b} boundary decisions to ${outdir}\n`);
