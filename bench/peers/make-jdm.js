// Writes mopac.jdm.json: the MOPAC subset as a GoRules ZEN decision table
// (JSON Decision Model), hit policy "first". A post "or above" is spelt out
// as the list of posts (ZEN has no hierarchy); amounts are pence.
// Usage: node make-jdm.js > mopac.jdm.json
'use strict';
const q = (...xs) => xs.map((x) => JSON.stringify(x)).join(', ');
const DMPC_UP = q('DMPC', 'Mayor');
const COMMISSIONER_UP = q('Commissioner', 'DMPC', 'Mayor');
const PROPERTY_UP = q('MPSDirectorProperty', 'Commissioner', 'DMPC', 'Mayor');
const RESERVED = q('plan.police_and_crime', 'appointment.senior');
const CONTRACTS = q('contract.tender', 'contract.award');
const DISPOSAL = q('property.disposal');

// Each row: the conditions it tests (columns left out match anything), then
// the verdict. First hit wins.
const rows = [
  ['mayoral.matters', { kind: RESERVED, approver: q('Mayor') }, true],
  ['mayoral.matters (others)', { kind: RESERVED }, false],
  ['dmpc.novel', { novel: 'true', approver: DMPC_UP }, true],
  ['dmpc.novel (below)', { novel: 'true' }, false],
  ['dmpc.novel', { contentious: 'true', approver: DMPC_UP }, true],
  ['dmpc.novel (below)', { contentious: 'true' }, false],
  ['dmpc.novel', { public_interest: 'true', approver: DMPC_UP }, true],
  ['dmpc.novel (below)', { public_interest: 'true' }, false],
  ['procure.500k', { kind: CONTRACTS, amount: '> 50000000', approver: DMPC_UP }, true],
  ['procure.500k (below)', { kind: CONTRACTS, amount: '> 50000000' }, false],
  ['mps.procure', { kind: CONTRACTS, approver: COMMISSIONER_UP }, true],
  ['disposal.1m', { kind: DISPOSAL, amount: '>= 100000000', approver: DMPC_UP }, true],
  ['disposal.1m (below)', { kind: DISPOSAL, amount: '>= 100000000' }, false],
  ['disposal.unusual', { kind: DISPOSAL, unusual_features: 'true', approver: DMPC_UP }, true],
  ['disposal.unusual (below)', { kind: DISPOSAL, unusual_features: 'true' }, false],
  ['disposal.below1m', { kind: DISPOSAL, approver: PROPERTY_UP }, true],
  ['4.8', { kind: q('grant.bid', 'grant.acceptance'), approver: DMPC_UP }, true],
  ['grants.outgoing', { kind: q('grant.award'), approver: DMPC_UP }, true],
  ['grants.mps.50k', { kind: q('grant.award'), amount: '< 5000000', approver: q('Commissioner') }, true],
  ['no power', {}, false],
];
const columns = ['kind', 'approver', 'amount', 'novel', 'contentious', 'public_interest', 'unusual_features'];

const table = {
  hitPolicy: 'first',
  inputs: columns.map((c) => ({ id: c, name: c, field: c })),
  outputs: [{ id: 'authorised', name: 'authorised', field: 'authorised' }, { id: 'para', name: 'para', field: 'para' }],
  rules: rows.map(([para, when, authorised], i) => Object.assign({ _id: `r${i}` },
    Object.fromEntries(columns.map((c) => [c, when[c] || ''])), { authorised: String(authorised), para: JSON.stringify(para) })),
};
const jdm = {
  nodes: [
    { id: 'request', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
    { id: 'scheme', type: 'decisionTableNode', name: 'mopac 2020', position: { x: 300, y: 0 }, content: table },
    { id: 'response', type: 'outputNode', name: 'response', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', sourceId: 'request', targetId: 'scheme', type: 'edge' },
    { id: 'e2', sourceId: 'scheme', targetId: 'response', type: 'edge' },
  ],
};
process.stdout.write(JSON.stringify(jdm, null, 1) + '\n');
