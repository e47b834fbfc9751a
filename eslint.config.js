// ESLint 9 (pinned in package.json): the browser JavaScript, the planner worker and the Node scripts.
// Run by `./run test` before the Python suite: `npx eslint .`
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["node_modules/", "site/", ".cache/", ".venv/", "benchmarks/results/"] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    // The pages' ES modules (mkdocs-material's document$ is the theme's global).
    files: ["docs/assets/**/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser, document$: "readonly" } },
  },
  {
    // Classic scripts, run by the planner page before its modules (see overrides/main.html).
    files: ["docs/assets/planner/start.js", "docs/assets/planner/theme-later.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    // The planner's module worker.
    files: ["generator/runtime/worker/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.worker } },
  },
  {
    // The site's service worker (written out as sw.js by generator/runtime/offline.py).
    files: ["generator/runtime/service_worker.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    // Node scripts: the build's snapshot maker and the tests' Pyodide runner.
    files: ["generator/runtime/snapshot_node.mjs", "tests/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs" },
  },
];
