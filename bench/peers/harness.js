// What every Node engine script shares: read the decisions of a JSONL file,
// prepare each one outside the timing (`prepare`), run one untimed warm-up
// pass, a pass timing each call on its own with process.hrtime.bigint (less
// the clock's own cost), and an untimed pass for throughput. Prints, as
// report.js reads it:
//   engine NAME
//   <1|0> <ns>        one line per decision: authorised or not, its time
//   pass <n> <ns>     the untimed pass: n calls in ns
'use strict';
const fs = require('fs');
const { read } = require('./scheme');

function clockOverhead() {
  const samples = [];
  for (let i = 0; i < 20001; ++i) {
    const t0 = process.hrtime.bigint();
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

// decide(prepared) returns a boolean, or a promise of one.
async function run(engine, file, prepare, decide) {
  const decisions = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => prepare(read(l)));
  for (const d of decisions) await decide(d);  // warm-up: JIT, caches
  const overhead = clockOverhead();
  const verdicts = new Array(decisions.length);
  const times = new Array(decisions.length);
  for (let i = 0; i < decisions.length; ++i) {
    const t0 = process.hrtime.bigint();
    const v = await decide(decisions[i]);
    const t1 = process.hrtime.bigint();
    verdicts[i] = v;
    times[i] = Math.max(0, Number(t1 - t0) - overhead);
  }
  const t0 = process.hrtime.bigint();
  for (const d of decisions) await decide(d);
  const total = process.hrtime.bigint() - t0;
  let out = `engine ${engine}\n`;
  for (let i = 0; i < decisions.length; ++i) out += `${verdicts[i] ? 1 : 0} ${times[i]}\n`;
  out += `pass ${decisions.length} ${total}\n`;
  process.stdout.write(out);
}

module.exports = { run };
