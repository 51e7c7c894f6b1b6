// Type-aware lint. `no-floating-promises` matters most: an unawaited promise in the
// runner is a lost step.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['node_modules/', '.next/', '.next-*/', '.data/', 'db/migrations/', 'test-results/', 'playwright-report/', 'next-env.d.ts', '*.config.mjs', '.dependency-cruiser.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    // The canvas floor sits under the editor and the run view; those two never import each other.
    files: ['components/canvas/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/components/editor/*', '@/components/runs/*', '../editor/*', '../runs/*'], message: 'components/canvas is the floor under editor and runs: it imports neither.' }] }],
    },
  },
  {
    files: ['components/editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@/components/runs/*', '../runs/*', '../../runs/*'], message: 'The editor does not import the run view; shared canvas parts live in components/canvas.' },
        { group: ['@/components/code-editor/json-editor', '@/components/code-editor/expression-input', '@/components/code-editor/expression-extensions'], message: 'CodeMirror loads lazily: use components/code-editor/lazy-editors.tsx.' },
      ] }],
    },
  },
  {
    files: ['components/runs/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/components/editor/*', '../editor/*'], message: 'The run view does not import the editor; shared canvas parts live in components/canvas.' }] }],
    },
  },
  {
    // The pure layer: the engine, the statistics (monitoring, anomaly and analytics maths), and
    // the pure files of the step-type folders (definitions and the registry built from them).
    // Executors and inspectors sit in higher layers (ADR 0004).
    files: [
      'server/engine/**/*.ts',
      'server/statistics/**/*.ts',
      'steps/registry.ts',
      'steps/define-step.ts',
      'steps/step-presentation.ts',
      'steps/*/definition.ts',
      'steps/transform/output-edits.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react-dom', '@trpc/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', 'socket.io', 'socket.io-client', 'node:*', 'fs', 'net', 'http', 'https', 'child_process', '@/db/*', '@/server/api/*'],
              message: 'server/engine, server/statistics and step definitions are pure: no I/O or framework imports (DESIGN.md section 3).',
            },
            {
              group: ['**/executor', '**/executors', '**/inspector', '**/inspectors', '@/server/runner/*', '@/components/*'],
              message: 'Pure code reads step definitions only: executors are runner code, inspectors are editor code (ADR 0004).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contracts/**/*.ts', 'agent/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '**/server/*', '@/components/*', '@/app/*', '@/db/*'],
              message: 'contracts/ and agent/ import no server, browser or database code: shared contracts live in contracts/ (CONTRIBUTING.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // The runner owns the interfaces it needs (server/runner/ports.ts); the rooms that implement
    // them import those types and nothing else of the runner.
    files: ['server/devices/**/*.ts', 'server/secrets/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/runner/*', '!@/server/runner/ports'],
              message: 'devices and secrets implement the runner\'s ports: they import only @/server/runner/ports (CONTRIBUTING.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '!@/server/platform', '!@/server/platform/*', '../*', '@/components/*', '@/app/*', '@/contracts/*'],
              message: 'server/platform is the floor: it imports only db/, node and npm libraries (CONTRIBUTING.md).',
            },
          ],
        },
      ],
    },
  },
)
