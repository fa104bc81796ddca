import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { actionsDocText } from './docs.ts';

/** Regenerates docs/actions.md from the registry: `npm run docs:actions`. */
const ACTIONS_DOC_PATH = fileURLToPath(new URL('../../../docs/actions.md', import.meta.url));

writeFileSync(ACTIONS_DOC_PATH, actionsDocText());
process.stdout.write(`wrote ${ACTIONS_DOC_PATH}\n`);
