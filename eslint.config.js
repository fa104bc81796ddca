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
// The language leaves these "implementation-approximated": engines may differ in the last bit,
// and one differing draw changes a trace. src/sim/portableMath.ts gives the same bits everywhere.
const engineDependentMath = [
  ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'cbrt', 'hypot'],
  ...[
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'atan2',
    'sinh',
    'cosh',
    'tanh',
    'asinh',
    'acosh',
    'atanh',
  ],
].map((property) => ({
  object: 'Math',
  property,
  message: `Math.${property} may differ between engines: use exp, exp2, log, log2, sin or cos from src/sim/portableMath.ts.`,
}));
const timerBans = ['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({
  name,
  message: `Real timers break determinism: schedule on the kernel (kernel.schedule / SimClock.setTimeout) instead of ${name}.`,
}));

/**
 * The layers: src/sim imports nothing of the project, src/model only src/sim, src/scenarios only
 * those two, and src/cli and src/ui never each other. Imports are relative, so a pattern matches a
 * path climbing out of the directory into a layer it must not reach; no source file reaches into
 * test/, bench/ or bin/.
 */
function layer(directory, forbidden) {
  const names = [...forbidden, 'test', 'bench', 'bin'];
  return {
    files: [`src/${directory}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${names.join('|')})(/|$)`,
              message: `src/${directory} must not import from ${forbidden.map((name) => `src/${name}`).join(', ')}, test, bench or bin: the layers of docs/ARCHITECTURE.md.`,
            },
          ],
        },
      ],
    },
  };
}

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
    // Per-kind switches must name every kind, so a new kind cannot be silently skipped.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // The shape of the code: no function over 80 lines and none with more than 20 paths through it.
    // Blank lines and comments do not count, so explaining why never pushes a function over.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 20],
      // One concept a file: 400 lines as `wc -l` counts them (pure type files may go over: none does).
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // Tests keep the complexity bound, but not the length bound: a describe() callback is a list
    // of cases, not logic, and splitting it would only scatter one concept's tests.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { complexity: ['error', 20] },
  },
  layer('sim', ['model', 'scenarios', 'cli', 'ui']),
  layer('model', ['scenarios', 'cli', 'ui']),
  layer('scenarios', ['cli', 'ui']),
  layer('cli', ['ui']),
  layer('ui', ['cli']),
  {
    files: ['src/sim/**', 'src/model/**', 'src/scenarios/**'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterministic, ...engineDependentMath],
      'no-restricted-globals': ['error', ...timerBans],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[object.name=/^(globalThis|window|self)$/][property.name=/^(setTimeout|setInterval|setImmediate)$/]',
          message: 'Real timers break determinism: schedule on the kernel instead.',
        },
        {
          selector:
            "BinaryExpression[operator='**']:not([right.type='Literal']):not([right.type='UnaryExpression'][right.argument.type='Literal'])",
          message:
            'x ** y with a computed exponent may differ between engines: use exp2 or exp from src/sim/portableMath.ts.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Wall-clock time: use the simulated clock (kernel.nowMs) instead.',
        },
      ],
    },
  },
);
