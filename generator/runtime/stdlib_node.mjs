// The planner's own standard library (called by generator/runtime/bundle.py):
//
//   node generator/runtime/stdlib_node.mjs PYODIDE_DIR APP_DIR OUT.zip
//
// Pyodide's python_stdlib.zip is 2.5 MB of Python source, compiled on every plain boot. The
// planner needs a fifth of it. This boots the pinned Pyodide the way the browser does (the
// site-local lockfile, the planner wheel through loadPackage), runs every entry point the
// browser calls (each planner module, the catalog, a plan and a view of every warm-up profile,
// the refusals, the program builder's operations, the QR wheel), and writes a zip of exactly
// the standard-library modules that were imported, as bytecode compiled by Pyodide's own
// Python (so the browser compiles nothing), without column tables (PYTHONNODEBUGRANGES; a
// traceback then underlines no columns), plus the few modules that only error paths import.
// The worker falls back to the full python_stdlib.zip if a module is ever missing.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, appDir, out] = process.argv.slice(2).map((p) => p && resolve(p));
if (!out) {
  console.error("usage: node stdlib_node.mjs PYODIDE_DIR APP_DIR OUT.zip");
  process.exit(2);
}

const started = performance.now();
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(join(appDir, "pyodide-lock.json"), "utf8"));
const [planner, ...others] = Object.keys(lock.packages);
const py = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileURL: join(appDir, "pyodide-lock.json"),
  packageBaseUrl: appDir + "/",
  packages: [planner],
  env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
});
for (const name of others) await py.loadPackage(name, { messageCallback: () => {} });
py.FS.writeFile("/tmp/catalog.json", await readFile(join(appDir, "catalog.json")));
py.runPython(`
import importlib, json, pkgutil, sys
import generator
for _m in pkgutil.walk_packages(generator.__path__, "generator."):
    importlib.import_module(_m.name)
from generator.planner import browser_api as _api
with open("/tmp/catalog.json", encoding="utf-8") as _f:
    _api.load_catalog_json(_f.read())
_api.settle()
for _p in _api.warm_up_profiles():
    _api.view(_p, "{id}")
    _api.plan(_p)
for _p in ("", "not json", "[]", '{"goal": 3}', '{"goal": "power", "x": 1}', "{" * 200):
    _api.plan(_p)
    _api.view(_p, "{id}")
_options = json.dumps({"figures": "../assets/figures/", "address": "https://example.org/program/", "qr": [], "made": "1 December 2026"})
for _p in _api.warm_up_profiles()[:4] + ["{}"]:
    _status, _, _program = _api.program("from_profile", _p)
    if _status == "ok":
        _api.program("sheet", _program, _options)
    _api.program("plan_sheet", _p, _options)
for _text in ("", "not json", "[]", "{}", '{"exercises": [{"id": "nope"}]}'):
    _api.program("sheet", _text, _options)
    _api.program("decode", _text)
_api.program("unknown", "{}")
import segno
_api.qr_rows(segno.make("https://example.org/exercises/hip-thrust/", error="m", micro=False).matrix)
`);
const count = py.runPython(`
import zipfile, importlib.util, marshal
ZIP = "/lib/python%d%d.zip" % sys.version_info[:2]
# Imported only on error paths (a traceback's text, a warning), so imported here by name.
EXTRA = ("traceback", "linecache", "tokenize", "token", "warnings", "_py_warnings", "textwrap")
for _name in EXTRA:
    importlib.import_module(_name)
_members = set()
for _mod in list(sys.modules.values()):
    _file = getattr(_mod, "__file__", None) or ""
    if _file.startswith(ZIP + "/") and _file.endswith(".py"):
        _members.add(_file[len(ZIP) + 1:])
_source = zipfile.ZipFile(ZIP)
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as _out:
    for _name in sorted(_members):
        # optimize=2 (as python -OO): no docstrings, no asserts; the planner's own modules, in
        # its wheel, keep theirs.
        _code = compile(_source.read(_name), ZIP + "/" + _name, "exec", dont_inherit=True, optimize=2)
        # An unchecked hash-based .pyc (PEP 552): zipimport loads it as it is.
        _pyc = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little") + bytes(8) + marshal.dumps(_code)
        _out.writestr(zipfile.ZipInfo(_name + "c", (1980, 1, 1, 0, 0, 0)), _pyc, zipfile.ZIP_DEFLATED, 9)
len(_members)
`);
await writeFile(out + ".tmp", py.FS.readFile("/tmp/stdlib.zip"));
await rename(out + ".tmp", out);
console.log(`standard library: ${count} modules, made in ${Math.round(performance.now() - started)} ms`);
