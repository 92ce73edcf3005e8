// ESLint flat config. Besides the recommended rules it enforces the architecture's dependency
// rule: src/domain is pure (no IO, no clock, no environment), services do not reach into the shell.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shellModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto',
  'better-sqlite3', 'pg', 'kysely', 'kysely/*', 'hono', 'hono/*', '@hono/*', 'docx', 'pdfmake', 'playwright-core'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', performance: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Full-width spaces are part of Chinese typography in our views and messages.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/services/**/*.ts'],
    // Tests wire services to the real stores; the rule is about production code.
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../web/*', '../cli/*', '../storage/*', 'hono', 'hono/*', 'better-sqlite3', 'pg'],
            message: 'services 只依赖 domain 与端口（ports），不得直接导入 web、cli 或具体存储。' },
        ],
      }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/config.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: '只有 src/config.ts 读取环境变量。' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/domain/**/*.tsx'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: shellModules, message: 'src/domain 是纯领域层：不得导入 IO、数据库或 Web 模块。' },
          { group: ['**/services/**', '**/storage/**', '**/web/**', '**/cli/**', '**/search/**', '**/files/**', '**/documents/**', '**/channels/**', '**/jobs/**', '**/config', '**/config.ts', '**/main', '**/main.ts'], message: 'src/domain 不得依赖领域层以外的代码。' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '领域层不得读时钟：把 today/now 作为参数传入。' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '领域层不得读时钟：把 now 作为参数传入。' },
        { selector: "MemberExpression[object.name='process']", message: '领域层不得读取 process（环境变量等）。' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '领域层不得使用随机数：由外层传入。' },
      ],
    },
  },
);
