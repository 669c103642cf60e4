#!/usr/bin/env node
// `npm run build`, and `prepare`: npm runs prepare after `npm ci` here and when the package is
// installed from a git URL, where no compiled JavaScript is committed. Compiles both targets
// (cdktf and CDK Terrain) the way bin/synth.js does, so the next synth does not compile again.
"use strict";
const { compile } = require("../bin/compile");

const failure = compile();
if (failure) {
  console.error(`build failed: ${failure}`);
  process.exit(1);
}
