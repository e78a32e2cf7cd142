// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders that form the core: they run in plain Node, under test and in the CLI, so they never touch Electron. */
const electronFreeFolders = [
  'src/main/feeds/**',
  'src/main/pipeline/**',
  'src/main/settings/**',
  'src/shared/**',
  'src/cli/**',
  'src/demo/**',
  'src/main/core/**',
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
  {
    files: electronFreeFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core never imports electron: pass the dependency in.' }],
          patterns: [{ group: ['electron/*'], message: 'The core never imports electron.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
