// Type-aware lint. `no-floating-promises` matters most: an unawaited promise in the
// runner is a lost step.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['node_modules/', '.next/', '.next-*/', '.data/', 'db/migrations/', 'test-results/', 'playwright-report/', 'next-env.d.ts', '*.config.mjs'],
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
    files: ['server/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react-dom', '@trpc/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', 'socket.io', 'socket.io-client', 'node:*', 'fs', 'net', 'http', 'https', 'child_process', '@/db/*', '@/server/api/*'],
              message: 'server/engine is pure: no I/O or framework imports (DESIGN.md section 3).',
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
