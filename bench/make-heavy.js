#!/usr/bin/env node
// A scheme of the heavy shape of issue 14, as an attacker would write one to
// slow `remit check`: one decision kind, 61 posts in a chain, 14 flags, an
// integer fact, 15 % escalations, and conditions such as
// `amount >= £2,500k and (f3 or not f7) and n < 120`.
//
//   node bench/make-heavy.js PARAGRAPHS [SEED] > heavy.remit
//
// The same paragraphs and seed always give the same text (a small LCG, not
// Math.random).
'use strict';
const paragraphs = Number(process.argv[2] || 200);
let seed = Number(process.argv[3] || 14) >>> 0;
function random() {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
}
const below = (n) => Math.floor(random() * n);
const posts = 61, flags = 14;
const out = [];
out.push('scheme "Heavy shape"', 'version "1" in force from 2020-04-01', 'currency GBP', '');
for (let i = 0; i < posts; i++) out.push(`post P${i} "Post ${i}"` + (i ? ` under P${i - 1}` : ''));
out.push('', 'decision spend', '', 'fact amount: money', `fact ${[...Array(flags).keys()].map((i) => 'f' + i).join(', ')}: flag`, 'fact n: integer', '');
function amount() {
  const k = 50 * (1 + below(200));  // £50k to £10m in steps of £50k
  return `£${k.toLocaleString('en-GB')}k`;
}
function flag() {
  return (random() < 0.3 ? 'not ' : '') + 'f' + below(flags);
}
function condition() {
  const parts = [];
  parts.push(`amount ${random() < 0.5 ? '>=' : '<'} ${amount()}`);
  const shape = below(4);
  if (shape === 0) parts.push(`(${flag()} or ${flag()})`);
  else if (shape === 1) parts.push(flag());
  else if (shape === 2) parts.push(`not (${flag()} and ${flag()})`);
  if (random() < 0.7) parts.push(`n ${random() < 0.5 ? '<' : '>='} ${1 + below(240)}`);
  return parts.join(' and ');
}
for (let i = 0; i < paragraphs; i++) {
  const post = 'P' + below(posts);
  const verb = random() < 0.15 ? 'must approve' : 'may approve';
  out.push(`para h${i}:`, `  ${post} ${verb} spend when ${condition()}`, '');
}
process.stdout.write(out.join('\n'));
