#!/usr/bin/env node
// The CLI is compiled by `npm run build` (run automatically by `npm ci` through the prepare script).
require('../../../dist/apps/cli/src/main.js');
