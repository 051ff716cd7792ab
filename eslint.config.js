// ESLint: typescript-eslint's type-aware recommended rules on the TypeScript sources and tests;
// the plain recommended rules on the build, bench and bin scripts (JavaScript, not type-checked).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'bundle/**',
      'coverage/**',
      '.bench-out/**',
      '.test-output/**',
      // Scanned by the tests as sample input, not part of hush.
      'test-fixtures/**',
      // AssemblyScript: compiled by asc, not by tsc, and typed with its own built-ins.
      'packages/scanner/wasm/**',
    ],
  },
  js.configs.recommended,
  {
    rules: {
      // `catch {}` marks a failure that is expected and has no fallback to run.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['packages/*/tsconfig.json', 'tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore names a binding kept only to leave it out (`{ path: _p, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read reports back with JSON.parse: their values are `any` by nature, and a wrong
    // shape fails the assertion that reads it.
    files: ['packages/*/test/**/*.ts', 'test-support/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
