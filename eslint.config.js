// ESLint flat config. The simulation's determinism rests on the ban below: wall-clock time and
// unseeded randomness must never reach the kernel, the model or the scenarios.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nondeterministic = [
  {
    object: 'Math',
    property: 'random',
    message: 'Nondeterministic: draw from a named stream of the kernel (src/sim/random.ts) instead.',
  },
  {
    object: 'Date',
    property: 'now',
    message: 'Wall-clock time: use the simulated clock (kernel.nowMs) instead.',
  },
  {
    object: 'performance',
    property: 'now',
    message: 'Wall-clock time: use the simulated clock (kernel.nowMs) instead.',
  },
];
const timerBans = ['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({
  name,
  message: `Real timers break determinism: schedule on the kernel (kernel.schedule / SimClock.setTimeout) instead of ${name}.`,
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-node/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sim/**', 'src/model/**', 'src/scenarios/**'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterministic],
      'no-restricted-globals': ['error', ...timerBans],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[object.name=/^(globalThis|window|self)$/][property.name=/^(setTimeout|setInterval|setImmediate)$/]',
          message: 'Real timers break determinism: schedule on the kernel instead.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Wall-clock time: use the simulated clock (kernel.nowMs) instead.',
        },
      ],
    },
  },
);
