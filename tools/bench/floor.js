#!/usr/bin/env node
// Benchmark floor (`npm run bench`): a bare node process that only loads what any synth of the
// construct must load, namely cdktf (which brings constructs) and the provider resource modules
// the construct and the module stack use, by deep path. No construct is built, nothing is written.
"use strict";
require("cdktf");
require("@cdktf/provider-aws/lib/elasticache-replication-group");
require("@cdktf/provider-aws/lib/elasticache-subnet-group");
require("@cdktf/provider-aws/lib/security-group");
require("@cdktf/provider-aws/lib/security-group-rule");
require("@cdktf/provider-aws/lib/cloudwatch-metric-alarm");
require("@cdktf/provider-aws/lib/appautoscaling-target");
require("@cdktf/provider-aws/lib/appautoscaling-policy");
require("@cdktf/provider-aws/lib/provider");
