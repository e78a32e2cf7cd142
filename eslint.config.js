// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The boundaries of the data-flow picture (DESIGN.md), one entry per folder: what it must not import and
 * why. ESLint applies the last matching `no-restricted-imports`, so each entry repeats the electron rule
 * where the folder is part of the core.
 */
const NO_ELECTRON = {
  paths: [
    {
      name: 'electron',
      message: 'The core never imports electron: pass the dependency in (src/main/ports.ts).',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'The core never imports electron.' }],
};
const forbid = (folders, why) => ({ group: folders.map((folder) => `**/${folder}/**`), message: why });
const NO_TEST = forbid(['test'], 'Source never imports test code: move what both need into src/.');
const boundaries = [
  {
    files: ['src/shared/**'],
    patterns: [
      forbid(
        ['main', 'renderer', 'cli', 'demo', 'preload'],
        'src/shared is used by main and the window alike: it imports nothing of ours outside src/shared.',
      ),
      { group: ['node:*'], message: 'src/shared runs in the window too, which has no Node built-ins.' },
      NO_TEST,
    ],
  },
  {
    files: ['src/main/feeds/**'],
    patterns: [
      forbid(
        ['pipeline', 'settings', 'platform', 'core'],
        'The feed engine delivers raw events and statuses and decides nothing: it never imports the pipeline, settings, the core or the platform.',
      ),
      NO_TEST,
    ],
  },
  {
    files: ['src/main/pipeline/**'],
    patterns: [
      forbid(
        ['feeds', 'settings', 'platform', 'core'],
        'The pipeline takes raw events from whoever delivers them; its ports are interfaces, not the engine, settings, core or platform.',
      ),
      NO_TEST,
    ],
  },
  {
    files: ['src/main/settings/**'],
    patterns: [
      forbid(
        ['feeds', 'pipeline', 'platform', 'core'],
        'Settings load, validate and save; they know nothing of feeds, pipeline, core or platform.',
      ),
      NO_TEST,
    ],
  },
  {
    files: ['src/main/core/**', 'src/main/*.ts'],
    ignores: ['src/main/index.ts'],
    patterns: [
      forbid(
        ['platform'],
        'The core runs without Electron: the platform layer calls the core, never the reverse.',
      ),
      NO_TEST,
    ],
  },
  {
    files: ['src/cli/**', 'src/demo/**'],
    patterns: [
      forbid(
        ['platform', 'renderer', 'preload'],
        'The CLI and the demo run in plain Node: no platform, window or preload code.',
      ),
      NO_TEST,
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.tools/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The renderer has its own tsconfig (DOM types, no Node).
    files: ['src/renderer/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: false,
        project: './tsconfig.web.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  ...boundaries.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NO_ELECTRON.paths, patterns: [...NO_ELECTRON.patterns, ...patterns] },
      ],
    },
  })),
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The window reaches main only through window.feedtray (the preload).',
            },
          ],
          patterns: [
            forbid(
              ['main', 'cli', 'demo', 'preload'],
              'The window imports only src/shared: everything else it asks main for through the IPC contract.',
            ),
            { group: ['node:*'], message: 'The window is sandboxed: no Node built-ins.' },
            NO_TEST,
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**', 'src/main/platform/**', 'src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
