import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checksMarkdown, faultsMarkdown } from './vocabularyDocs.ts';

/**
 * Regenerates docs/faults.md and docs/checks.md from the registries:
 * `npx tsx src/scenarios/writeVocabularyDocs.ts`. test/scenarios/vocabularyDocs.test.ts fails when
 * a committed file is stale.
 */
export const FAULTS_DOC_PATH = fileURLToPath(new URL('../../docs/faults.md', import.meta.url));
export const CHECKS_DOC_PATH = fileURLToPath(new URL('../../docs/checks.md', import.meta.url));

writeFileSync(FAULTS_DOC_PATH, faultsMarkdown());
writeFileSync(CHECKS_DOC_PATH, checksMarkdown());
process.stdout.write(`wrote ${FAULTS_DOC_PATH} and ${CHECKS_DOC_PATH}\n`);
