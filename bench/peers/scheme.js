// The subset of the MOPAC 2020 scheme (rules/mopac/2020.remit) that the
// peers encode: its posts, the decision kinds they run, the facts and the
// thresholds (in pence).
'use strict';
module.exports = {
  // id -> the post above it (`under` or `consent from`)
  ABOVE: {
    Mayor: null, DMPC: 'Mayor', CEO: 'DMPC', CFO: 'CEO', DirectorOfStrategy: 'CEO', DirectorVRU: 'CEO',
    DirectorCommissioning: 'CEO', Commissioner: 'DMPC', MPSDirectorProperty: 'Commissioner', MPSDirectorCommercial: 'Commissioner',
  },
  get POSTS() { return Object.keys(this.ABOVE); },
  KINDS: ['grant.bid', 'grant.acceptance', 'grant.award', 'contract.tender', 'contract.award', 'property.disposal',
    'plan.police_and_crime', 'appointment.senior'],
  FLAGS: ['novel', 'contentious', 'public_interest', 'unusual_features'],
  THRESHOLDS: [5000000, 50000000, 100000000],  // £50,000, £500,000, £1m
  // Reads a decision line into {kind, approver, amount (pence), flags...}.
  read(line) {
    const d = JSON.parse(line);
    const [whole, frac] = d.facts.amount.split('.');
    return Object.assign({ kind: d.kind, approver: d.approver, amount: Number(whole) * 100 + Number(frac) }, 
      Object.fromEntries(module.exports.FLAGS.map((f) => [f, d.facts[f]])));
  },
};
