// Writes a register of N decisions for the MOPAC scheme (rules/mopac) as the
// CSV `remit audit` reads, for the audit benchmark: dates over every version
// (2013 to 2025), each row's approver a post of the version in force on its
// date, every decision kind, amounts often at and either side of a
// threshold, written as registers write them ("£1,234,567.89").
// Usage: node bench/make-register.js N [SEED] > build-bench/register.csv
'use strict';
const n = Number(process.argv[2] || 1000000);
let seed = Number(process.argv[3] || 2020);

// mulberry32, so the same N and seed give the same file.
function random() {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const versions = [  // from, posts
  ['2013-09-01', ['Mayor', 'DMPC', 'COO', 'CFO', 'Commissioner']],
  ['2015-09-11', ['Mayor', 'DMPC', 'CEO', 'CFO', 'Commissioner']],
  ['2016-10-01', ['Mayor', 'DMPC', 'CEO', 'CFO', 'DirectorOfStrategy', 'DirectorCommissioning', 'Commissioner', 'MPSDirectorProperty']],
  ['2020-04-01', ['Mayor', 'DMPC', 'CEO', 'CFO', 'DirectorOfStrategy', 'DirectorVRU', 'DirectorCommissioning', 'Commissioner',
    'MPSDirectorProperty', 'MPSDirectorCommercial']],
];
const kinds = ['grant.bid', 'grant.acceptance', 'grant.award', 'contract.tender', 'contract.award', 'contract.variation',
  'expenditure', 'budget', 'property.disposal', 'property.lease', 'debt.write_off', 'claim.settlement', 'legal_assistance',
  'delegation', 'policy', 'plan.police_and_crime', 'collaboration.agreement', 'scheme_amendment', 'appointment.senior'];
const thresholds = [5000000, 50000000, 100000000];  // £50,000, £500,000, £1m: every threshold the versions compare amounts with
const evidence = ['', 'Financial comments; Legal comments', 'Financial comments; Legal comments; Equality comments'];

const first = Date.UTC(2013, 8, 1), last = Date.UTC(2025, 11, 31);
const money = (pence) => `"£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}"`;
const flag = () => (random() < 0.05 ? 'true' : 'false');

const out = process.stdout;
let chunk = 'id,date,kind,approver,amount,novel,contentious,public_interest,unusual_features,evidence\n';
for (let i = 0; i < n; ++i) {
  const date = new Date(first + Math.floor(random() * ((last - first) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
  const posts = versions.filter(([from]) => from <= date).pop()[1];
  const pence = random() < 0.3 ? pick(thresholds) + pick([-1, 0, 1])
    : Math.floor(Math.exp(Math.log(10000) + random() * (Math.log(5e9) - Math.log(10000))));
  chunk += `R${i},${date},${pick(kinds)},${pick(posts)},${money(pence)},${flag()},${flag()},${flag()},${flag()},${pick(evidence)}\n`;
  if (chunk.length > 1 << 20) { out.write(chunk); chunk = ''; }
}
out.write(chunk);
