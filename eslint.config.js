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
    // mkdocs-material's own inline scripts, kept as files for the Content-Security-Policy
    // (overrides/partials/): classic scripts in the theme's style. scope.js defines, as
    // top-level vars, the globals (__md_get, __md_set, ...) that the bundle and the others read.
    files: ["docs/assets/javascripts/theme/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
    rules: { "no-var": "off", "no-unused-vars": ["error", { vars: "local", args: "after-used", caughtErrors: "none" }] },
  },
  {
    files: ["docs/assets/javascripts/theme/scope.js"],
    rules: { "no-var": "error" }, // the file says where it needs var
  },
  {
    files: ["docs/assets/javascripts/theme/*.js"],
    ignores: ["docs/assets/javascripts/theme/scope.js"],
    languageOptions: { globals: { __md_scope: "readonly", __md_hash: "readonly", __md_get: "readonly", __md_set: "readonly" } },
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
    // Node scripts: the build's snapshot maker, the tests' Pyodide runner and the benchmarks' re-plan.
    files: ["generator/runtime/snapshot_node.mjs", "generator/runtime/stdlib_node.mjs", "tests/**/*.mjs", "benchmarks/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs" },
  },
];
