// Cedar (@cedar-policy/cedar-wasm): the MOPAC subset as permit/forbid
// policies, parsed once (preparsePolicySet), posts as entities whose parent
// is the post above; `not authorised` is Deny.
// Usage: node cedar.js DECISIONS.jsonl
'use strict';
const fs = require('fs');
const path = require('path');
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const { ABOVE, FLAGS } = require('./scheme');
const { run } = require('./harness');

const policies = fs.readFileSync(path.join(__dirname, 'mopac.cedar'), 'utf8');
const parsed = cedar.preparsePolicySet('mopac', { staticPolicies: policies });
if (parsed.type !== 'success') throw new Error(`cedar policies: ${JSON.stringify(parsed.errors)}`);

const entities = Object.entries(ABOVE).map(([id, above]) => ({
  uid: { type: 'Post', id }, attrs: {}, parents: above ? [{ type: 'Post', id: above }] : [],
}));
const action = { type: 'Action', id: 'approve' };

run(`cedar-wasm ${cedar.getCedarVersion()}`, process.argv[2],
  (d) => ({
    principal: { type: 'Post', id: d.approver }, action, resource: { type: 'Kind', id: d.kind },
    context: Object.assign({ amount: d.amount }, Object.fromEntries(FLAGS.map((f) => [f, d[f]]))),
    preparsedPolicySetId: 'mopac', entities,
  }),
  (call) => {
    const answer = cedar.statefulIsAuthorized(call);
    if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
    if (answer.response.diagnostics.errors.length) throw new Error(`cedar: ${JSON.stringify(answer.response.diagnostics.errors)}`);
    return answer.response.decision === 'allow';
  });
