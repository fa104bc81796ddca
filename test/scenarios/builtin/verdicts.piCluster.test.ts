import { describe } from 'vitest';
import { itGivesTheExpectedVerdict } from './verdicts.ts';

// 004_b8bc5fb3cdb64335.txt: eight Pi 3s serve the whole site for 3.5 days (the longest run; a file
// of its own so it runs beside the others).
describe('built-in eight-Pi cluster scenario', () => {
  itGivesTheExpectedVerdict('eight-pi-cluster');
});
