// GoRules ZEN (@gorules/zen-engine): the MOPAC subset as the decision table
// mopac.jdm.json (made by make-jdm.js), loaded once (createDecision); each
// decision is one `await decision.evaluate(input)`.
// Usage: node zen.js DECISIONS.jsonl
'use strict';
const fs = require('fs');
const path = require('path');
const { ZenEngine } = require('@gorules/zen-engine');
const { run } = require('./harness');

const engine = new ZenEngine();
const decision = engine.createDecision(fs.readFileSync(path.join(__dirname, 'mopac.jdm.json')));
const version = require('@gorules/zen-engine/package.json').version;

run(`zen-engine ${version}`, process.argv[2], (d) => d, async (input) => {
  const { result } = await decision.evaluate(input);
  if (typeof result.authorised !== 'boolean') throw new Error(`zen: no verdict for ${JSON.stringify(input)}`);
  return result.authorised;
}).finally(() => engine.dispose());
