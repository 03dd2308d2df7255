#!/usr/bin/env node
// Thin launcher: the compiled entry lives in dist/ after `pnpm build`.
import '../dist/bin.js';
