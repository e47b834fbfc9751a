// The program builder page (program/): pick exercises, set doses, print one sheet.
//
// The page holds the program; Python in the planner's worker (browser_api.program, the same
// code as `python -m generator program`) checks it, flags what the planner would not do, and
// lays out the sheet, which sheet.js builds with textContent only. The program is kept in this
// browser's localStorage and in the address (link.js); the patient's name stays out of the
// address unless the clinician ticks the box. window.program.set(spec) / get() for automation.
import { program as python, start } from "../planner/client.js";
import { everyPage } from "../javascripts/pages.js";
import { decodeProgram, encodeProgram } from "./link.js";
import { showSheet } from "./sheet.js";

const KEY = "hipguide.program.v1";
const TEXT_FIELDS = ["title", "patient", "clinician", "contact", "start", "review", "notes"];
const DOSE_LABELS = { sets: "Sets", reps: "Repetitions", reps_per_leg: "Repetitions on each leg", hold_seconds: "Hold (seconds)" };
const SIDE_LABELS = { both: "Both sides", left: "Left only", right: "Right only" };
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];
let current = null; // the mounted page's handle

window.program = Object.freeze({
  /** Load a program (the CLI's JSON, as an object or text); resolves to {warnings} or rejects with the one-line error. */
  set(spec) {
    if (!current) return Promise.reject(new Error("the program builder is not on this page"));
    return current.set(typeof spec === "string" ? JSON.parse(spec) : spec);
  },
  /** The program as `python -m generator program --spec` reads it. */
  get() {
    return current ? current.get() : null;
  },
});

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  node.append(...children);
  return node;
};

function readKept() {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? "null");
    return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : null;
  } catch {
    return null;
  }
}

function keep(data) {
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
  } catch {
    // private mode or quota: the address still holds the program
  }
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  root.classList.add("hg-program--js");
  const catalog = JSON.parse(root.querySelector("#hg-program-catalog").textContent);
  const byId = new Map(catalog.exercises.map((ex) => [ex.id, ex]));
  const $ = (selector) => root.querySelector(selector);
  const details = $(".hg-program__details");
  const list = $(".hg-program__list");
  const statusLine = $(".hg-program__status");
  const errorLine = $(".hg-program__error");
  const shared = $(".hg-program__shared");
  const preview = $(".hg-program__sheet");
  const paper = $("#hg-p-paper");
  const sharePatient = root.querySelector('[name="share_patient"]');
  const figures = root.dataset.figures;
  const siteUrl = root.dataset.siteUrl;
  let exercises = []; // [{id, sets, reps, ...}] in order
  let warnings = [];
  let pending = null; // the latest check, a promise
  let again = false;
  let busy = false;
  let undo = null;

  // ---------------------------------------------------------------------------------------
  // The program <-> the page

  const field = (name) => details.querySelector(`[name="${name}"]`);

  function get() {
    const spec = {};
    for (const name of TEXT_FIELDS) {
      const value = field(name).value.trim();
      if (value) spec[name] = value;
    }
    const sessions = field("sessions_per_week").value.trim();
    if (sessions) spec.sessions_per_week = /^\d{1,3}$/.test(sessions) ? Number(sessions) : sessions;
    const conditions = [...details.querySelectorAll('[name="conditions"]:checked')].map((box) => box.value);
    if (conditions.length) spec.conditions = conditions;
    spec.exercises = exercises.map((item) => ({ ...item }));
    return spec;
  }

  function write(spec) {
    for (const name of TEXT_FIELDS) field(name).value = typeof spec[name] === "string" ? spec[name] : "";
    field("sessions_per_week").value = spec.sessions_per_week ?? "";
    for (const box of details.querySelectorAll('[name="conditions"]')) box.checked = (spec.conditions ?? []).includes(box.value);
    exercises = Array.isArray(spec.exercises) ? spec.exercises.filter((e) => e && typeof e === "object").map((e) => ({ ...e })) : [];
    renderList();
  }

  // ---------------------------------------------------------------------------------------
  // The chosen exercises

  function numberInput(item, name, index) {
    const ex = byId.get(item.id);
    const id = `hg-p-${index}-${name}`;
    const range = ex?.ranges?.[name];
    const input = el("input", { id, type: "number", inputmode: "numeric", min: "1", step: "1", "data-dose": name,
      value: item[name] ?? "", placeholder: range ? (range[0] === range[1] ? `${range[0]}` : `${range[0]}–${range[1]}`) : "" });
    input.addEventListener("input", () => {
      const text = input.value.trim();
      if (!text) delete item[name];
      else item[name] = /^\d{1,4}$/.test(text) ? Number(text) : text;
      changed();
    });
    return el("span", { class: "hg-program__dose" }, el("label", { for: id }, DOSE_LABELS[name]), input);
  }

  function textInput(item, name, index, label, multiline) {
    const id = `hg-p-${index}-${name}`;
    const input = multiline
      ? el("textarea", { id, rows: "2", maxlength: "240" })
      : el("input", { id, type: "text", maxlength: "80" });
    input.value = item[name] ?? "";
    input.addEventListener("input", () => {
      if (input.value.trim()) item[name] = input.value;
      else delete item[name];
      changed();
    });
    return el("span", { class: `hg-program__${name}` }, el("label", { for: id }, label), input);
  }

  function renderList() {
    list.replaceChildren();
    exercises.forEach((item, index) => {
      const ex = byId.get(item.id);
      const name = ex?.name ?? item.id;
      const side = el("select", { id: `hg-p-${index}-side` }, ...catalog.sides.map((s) => el("option", { value: s }, SIDE_LABELS[s])));
      side.value = item.side ?? "both";
      side.addEventListener("change", () => {
        if (side.value === "both") delete item.side;
        else item.side = side.value;
        changed();
      });
      const move = (to, text, label) => el("button", { type: "button", class: "md-button hg-program__move", "data-move": String(to),
        "aria-label": `${label} ${name}` }, text);
      const li = el("li", { class: "hg-program__item", "data-id": item.id },
        ex?.figure ? el("img", { class: "hg-program__thumb", src: figures + ex.figure, alt: "", width: "96", height: "53" }) : "",
        el("div", { class: "hg-program__item-body" },
          el("h3", { class: "hg-program__item-name" }, `${index + 1}. ${name}`),
          el("p", { class: "hg-program__source" }, `The source's dose: ${ex?.dose ?? ""}`),
          el("div", { class: "hg-program__doses" }, ...(ex?.fields ?? ["sets"]).map((f) => numberInput(item, f, index)),
            el("span", { class: "hg-program__dose" }, el("label", { for: `hg-p-${index}-side` }, "Side"), side)),
          textInput(item, "load", index, "Load or variation", false),
          textInput(item, "notes", index, "Note for this exercise", true),
          el("div", { class: "hg-program__warn", role: "note", hidden: true })),
        el("div", { class: "hg-program__tools" },
          move(index - 1, "↑", "Move up"), move(index + 1, "↓", "Move down"),
          el("button", { type: "button", class: "md-button hg-program__remove", "data-remove": String(index),
            "aria-label": `Remove ${name}` }, "Remove")));
      li.querySelector('[data-move]').disabled = index === 0;
      li.querySelectorAll("[data-move]")[1].disabled = index === exercises.length - 1;
      list.append(li);
    });
    $(".hg-program__empty").hidden = exercises.length > 0;
    showWarnings();
  }

  function showWarnings() {
    list.querySelectorAll(".hg-program__item").forEach((li, index) => {
      const box = li.querySelector(".hg-program__warn");
      const mine = warnings.filter((w) => w.index === index);
      box.hidden = mine.length === 0;
      li.classList.toggle("hg-program__item--warned", mine.length > 0);
      li.classList.toggle("hg-program__item--left-off", mine.length > 0 && !exercises[index]?.keep);
      if (!mine.length) return box.replaceChildren();
      const item = exercises[index];
      const id = `hg-p-${index}-keep`;
      const keepBox = el("input", { type: "checkbox", id, class: "hg-program__keep" });
      keepBox.checked = item.keep === true;
      keepBox.addEventListener("change", () => {
        if (keepBox.checked) item.keep = true;
        else delete item.keep;
        changed();
      });
      box.replaceChildren(
        el("p", { class: "hg-program__warn-title" }, item.keep ? "Kept on the sheet in spite of:" : "Warning: not on the sheet until you keep it."),
        el("ul", {}, ...mine.map((w) => el("li", { "data-kind": w.kind }, w.text))),
        el("label", { for: id, class: "hg-choice" }, keepBox, " Keep it on the sheet"));
    });
    const general = warnings.filter((w) => w.index < 0).map((w) => w.text).join(" ");
    statusLine.textContent = general || statusText();
  }

  const statusText = () => {
    const off = exercises.filter((item, i) => warnings.some((w) => w.index === i) && !item.keep).length;
    const n = exercises.length - off;
    const base = `${n} exercise${n === 1 ? "" : "s"} on the sheet (${n > 4 ? "two pages" : "one page"}).`;
    return off ? `${base} ${off} flagged and left off until you keep ${off === 1 ? "it" : "them"}.` : base;
  };

  // ---------------------------------------------------------------------------------------
  // Checking, the sheet, the address

  async function fragmentFor(spec) {
    const shown = { ...spec };
    if (!sharePatient.checked) delete shown.patient;
    return encodeProgram(shown);
  }

  function madeLine() {
    const now = new Date();
    return `Printed ${now.getDate()} ${MONTHS[now.getMonth()]} ${now.getFullYear()}`;
  }

  async function check() {
    if (busy) {
      again = true;
      return pending;
    }
    busy = true;
    const spec = get();
    keep({ program: spec, paper: paper.value, sharePatient: sharePatient.checked });
    const fragment = await fragmentFor(spec);
    const address = new URL(location.href);
    address.hash = fragment;
    history.replaceState(history.state, "", address);
    const result = await python("sheet", JSON.stringify(spec), {
      figures,
      address: siteUrl ? `${siteUrl}${root.dataset.pagePath}#${fragment}` : "",
      made: madeLine(),
    });
    busy = false;
    let outcome;
    if (result.ok) {
      const data = JSON.parse(result.json);
      warnings = data.warnings;
      const sheet = showSheet(preview, data.tree);
      sheet.classList.toggle("hg-sheet--letter", paper.value === "letter");
      document.documentElement.classList.toggle("hg-paper-letter", paper.value === "letter");
      errorLine.hidden = true;
      errorLine.textContent = "";
      root.classList.remove("hg-program--stale");
      showWarnings();
      outcome = { ok: true, warnings };
    } else {
      errorLine.textContent = `program: ${result.field}: ${result.message}`;
      errorLine.hidden = false;
      root.classList.add("hg-program--stale");
      statusLine.textContent = "The sheet below is out of date until this is fixed.";
      outcome = { ok: false, field: result.field, message: result.message };
    }
    root.dataset.checked = String(Date.now());
    if (again) {
      again = false;
      return check();
    }
    return outcome;
  }

  const changed = () => {
    pending = check();
    return pending;
  };

  // ---------------------------------------------------------------------------------------
  // Events

  function add(id) {
    if (!byId.has(id)) return;
    if (exercises.length >= 8) {
      statusLine.textContent = "A sheet holds at most 8 exercises (two pages): remove one first.";
      return;
    }
    exercises.push({ id });
    renderList();
    changed();
    list.lastElementChild?.querySelector("input")?.focus();
  }

  root.addEventListener("click", async (event) => {
    const target = event.target.closest("button");
    if (!target || !root.contains(target)) return;
    if (target.dataset.action === "add") add(target.dataset.id);
    else if (target.dataset.move !== undefined) {
      const li = target.closest(".hg-program__item");
      const from = [...list.children].indexOf(li);
      const to = Number(target.dataset.move);
      if (to < 0 || to >= exercises.length) return;
      [exercises[from], exercises[to]] = [exercises[to], exercises[from]];
      renderList();
      changed();
      list.children[to]?.querySelector(`[data-move="${to + (to > from ? 1 : -1)}"]`)?.focus();
    } else if (target.dataset.remove !== undefined) {
      exercises.splice(Number(target.dataset.remove), 1);
      renderList();
      changed();
    } else if (target.dataset.action === "print") {
      await (pending ?? changed());
      window.print();
    } else if (target.dataset.action === "share") {
      const fragment = await fragmentFor(get());
      const link = new URL(location.href);
      link.hash = fragment;
      try {
        await navigator.clipboard.writeText(link.href);
        shared.textContent = sharePatient.checked ? "Link copied, with the patient's name." : "Link copied (without the patient's name).";
      } catch {
        shared.textContent = `Copy this link: ${link.href}`;
      }
    } else if (target.dataset.action === "clear") {
      undo = get();
      write({});
      changed();
      shared.replaceChildren("Started a new program. ",
        el("button", { type: "button", class: "md-button", "data-action": "undo" }, "Undo"));
    } else if (target.dataset.action === "undo" && undo) {
      write(undo);
      undo = null;
      shared.textContent = "The program is back.";
      changed();
    }
  });
  details.addEventListener("input", changed);
  sharePatient.addEventListener("change", changed);
  paper.addEventListener("change", () => {
    preview.firstElementChild?.classList.toggle("hg-sheet--letter", paper.value === "letter");
    document.documentElement.classList.toggle("hg-paper-letter", paper.value === "letter");
    changed();
  });
  const search = root.querySelector('[name="search"]');
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const li of root.querySelectorAll(".hg-pick")) {
      li.hidden = !words.every((w) => li.dataset.search.includes(w));
      if (!li.hidden) shown += 1;
    }
    $(".hg-program__nomatch").hidden = shown > 0;
  });

  // ---------------------------------------------------------------------------------------
  // Start: a link, else the kept program

  current = {
    get,
    async set(spec) {
      write(spec && typeof spec === "object" ? spec : {});
      const outcome = await changed();
      if (outcome.ok) return { warnings: outcome.warnings };
      throw Object.assign(new Error(`program: ${outcome.field}: ${outcome.message}`), { field: outcome.field });
    },
  };
  start();
  (async () => {
    const kept = readKept();
    if (kept?.paper === "letter") paper.value = "letter";
    if (kept?.sharePatient) sharePatient.checked = true;
    const fragment = decodeURIComponent(location.hash.slice(1));
    let spec = kept?.program ?? {};
    try {
      if (fragment.startsWith("profile=")) {
        const result = await python("from_profile", fragment.slice("profile=".length));
        if (!result.ok) throw Object.assign(new Error(result.message), { field: result.field });
        spec = JSON.parse(result.json);
        statusLine.textContent = "The plan's exercises and doses are in the program: adjust them as you need.";
      } else if (fragment.startsWith("add=")) {
        spec = { ...spec, exercises: [...(spec.exercises ?? []), { id: fragment.slice(4) }].slice(0, 8) };
      } else {
        const text = await decodeProgram(fragment, async (f) => {
          const result = await python("decode", f);
          if (!result.ok) throw Object.assign(new Error(result.message), { field: result.field, fromPython: true });
          return result.json;
        });
        if (text) spec = JSON.parse(text);
        if (text && kept?.program?.patient && !spec.patient) spec.patient = kept.program.patient;
      }
    } catch (error) {
      errorLine.textContent = `program: ${error.field ?? "(link)"}: ${error.message}`;
      errorLine.hidden = false;
    }
    write(spec);
    const outcome = await changed();
    if (outcome.ok && !errorLine.textContent) statusLine.textContent = statusText();
    root.dataset.ready = "1";
  })();
}

everyPage(() => {
  const root = document.getElementById("hg-program");
  // The whole printed document takes the sheet's named page (sheet.css), so no blank page
  // comes before it; other pages print as the theme prints them.
  document.documentElement.classList.toggle("hg-print-sheet", Boolean(root));
  if (root) mount(root);
  else current = null;
});
