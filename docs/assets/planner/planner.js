// The planner page: mounts on every (instant) page view, idempotently. Loaded only on a page
// with a planner (assets/javascripts/warmup.js imports it), it wires the form to the worker,
// the URL fragment and the kept plan, and exposes window.planner for automation.
import { onStatus, plan, program as python, start, status } from "./client.js";
import { fromFragment, readForm, sameProfile, toFragment, writeForm, FIELDS } from "./profile.js";
import { forget, keep, loadKept } from "./store.js";
import { showTree } from "./view.js";
import { everyPage } from "../javascripts/pages.js";
import { showSheet } from "../program/sheet.js";

const timings = { ready: 0, firstPlan: 0, lastPlanMs: 0, lastPythonMs: 0, lastRenderMs: 0 };

// ---------------------------------------------------------------------------------------
// window.planner: the scriptable hook (resolves to exactly what `python -m generator plan` prints)

window.planner = Object.freeze({
  plan(profile) {
    const text = typeof profile === "string" ? profile : JSON.stringify(profile ?? {});
    return plan(text).then((result) => {
      if (result.ok) return result.plan;
      const error = new Error(`profile: ${result.field}: ${result.message}`);
      Object.assign(error, { field: result.field, detail: result.message });
      throw error;
    });
  },
  get state() {
    return status.state;
  },
  /** How the runtime started: {mode, snapshot, ms, marks} (marks in ms since navigation). */
  get boot() {
    return status.boot;
  },
  /** The worker's warm-up after the first plan, once over: {rounds, ms, last} (null before). */
  get warm() {
    return status.warm;
  },
  /** After a plain boot, the snapshot this browser made for its next visit: {bytes, error} (null before). */
  get kept() {
    return status.kept;
  },
  timings,
});

// ---------------------------------------------------------------------------------------
// The planner page

const STATUS_TEXT = {
  loading: "The personal planner is loading; until then this is the plan for the default answers.",
  ready: "Your plan updates as you answer. It is made in your browser: nothing is sent anywhere.",
};

// Whether the person asked to keep their answers on this device (the choice itself holds nothing personal).
const REMEMBER_KEY = "hipguide.planner.remember";
function remembering() {
  try {
    return localStorage.getItem(REMEMBER_KEY) === "1";
  } catch {
    return false;
  }
}
function setRemembering(on) {
  try {
    if (on) localStorage.setItem(REMEMBER_KEY, "1");
    else localStorage.removeItem(REMEMBER_KEY);
  } catch {
    // storage off: nothing is kept anyway
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  root.classList.add("hg-planner--js");
  const form = root.querySelector("form");
  const section = root.querySelector(".hg-plan");
  const statusText = root.querySelector(".hg-planner__status-text");
  const notice = root.querySelector(".hg-planner__notice");
  const dateLine = root.querySelector(".hg-plan__date");
  const href = root.dataset.exerciseHref;
  const answered = new Set();
  let manifest = null;
  try {
    manifest = root.dataset.plannerRuntime ? JSON.parse(root.dataset.plannerRuntime) : null;
  } catch {
    manifest = null; // the worker fetches manifest.json instead
  }
  let shown = null; // the profile whose plan is on screen (null: the build-time default)
  let inFlight = false;
  let announce = false; // the first plan is not news; later ones are read out by the status line
  let again = false;

  const say = (text) => {
    notice.textContent = text;
    notice.hidden = !text;
  };
  // Written out by hand: the guide is in English, and the first Intl.DateTimeFormat costs a
  // page 50-60 ms of CPU while Python is starting.
  const setDate = () => {
    const now = new Date();
    dateLine.textContent = `Plan made on ${now.getDate()} ${MONTHS[now.getMonth()]} ${now.getFullYear()}`;
  };
  const fieldError = (field, message) => {
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of form.querySelectorAll(".hg-field__error")) el.remove();
    if (!field) return;
    const name = field.replace(/\[\d+\]$/, "");
    const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!box) return say(`This answer could not be planned: ${message}`);
    const error = document.createElement("p");
    error.className = "hg-field__error";
    error.id = `hg-${name}-error`;
    error.textContent = plainError(box, message);
    box.append(error);
    for (const el of box.querySelectorAll("input")) {
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", `${el.getAttribute("aria-describedby") ?? ""} ${error.id}`.trim());
    }
  };

  // An error in the reader's words: "Sessions a week must be a whole number from 1 to 7".
  function plainError(box, message) {
    const number = box.querySelector('input[type="number"]');
    const label = box.querySelector("label, legend")?.textContent.trim() ?? "This answer";
    if (number) return `${label} must be a whole number from ${number.min} to ${number.max}.`;
    if (message.startsWith("expected one of")) return `${label}: choose one of the answers offered.`;
    return `${label}: ${message}`;
  }
  // While an answer is invalid, the plan on screen is not the plan for the answers: say so.
  const staleNote = document.createElement("p");
  staleNote.className = "hg-plan__stale";
  staleNote.textContent = "Out of date: this plan is for your earlier answers. Correct the answer marked in red to update it.";
  const markStale = (stale) => {
    section.classList.toggle("hg-plan--stale", stale);
    if (stale) section.querySelector(".hg-plan__title")?.after(staleNote);
    else staleNote.remove();
  };
  // What changed between two plans, in words: "2 exercises changed: glute bridge out, hip thrust in."
  const planNames = () => [...new Set([...section.querySelectorAll(".hg-excard__name")].map((n) => n.textContent.trim()))];
  function whatChanged(before, after) {
    const out = before.filter((n) => !after.includes(n));
    const added = after.filter((n) => !before.includes(n));
    const n = Math.max(out.length, added.length);
    if (!n) return "the same exercises";
    const parts = [...out.map((x) => `${x.toLowerCase()} out`), ...added.map((x) => `${x.toLowerCase()} in`)];
    return `${n} exercise${n === 1 ? "" : "s"} changed: ${parts.join(", ")}`;
  }

  const show = (profile, tree) => {
    showTree(section, tree);
    section.setAttribute("aria-busy", "false");
    shown = profile;
    setDate();
  };

  async function replan() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const profile = readForm(form, answered);
    const fragment = toFragment(profile);
    const address = new URL(location.href); // a full URL: a path like "//x/" would name another host
    address.hash = fragment;
    history.replaceState(history.state, "", address);
    // The same answers, planned again by the program builder's Python: exercises and doses carried over.
    const builder = root.querySelector(".hg-planner__builder");
    if (builder) builder.hash = `profile=${encodeURIComponent(JSON.stringify(profile))}`;
    if (status.state !== "ready") section.setAttribute("aria-busy", "true");
    const started = performance.now();
    const result = await plan(JSON.stringify(profile), href);
    inFlight = false;
    if (!root.isConnected) return;
    if (result.ok) {
      timings.lastPlanMs = performance.now() - started;
      timings.lastPythonMs = result.ms ?? 0;
      if (!timings.firstPlan) {
        timings.firstPlan = performance.now();
        performance.mark("planner:first-plan");
      }
      fieldError(null);
      try {
        const t = performance.now();
        const tree = JSON.parse(result.tree);
        const before = planNames();
        show(profile, tree);
        markStale(false);
        const change = whatChanged(before, planNames());
        timings.lastRenderMs = performance.now() - t;
        if (remember?.checked) setTimeout(() => keep(profile, result.tree), 0); // only if asked; off the critical path
        root.dataset.plannedProfile = fragment;
        const summary = section.querySelector(".hg-plan__summary")?.textContent ?? "";
        if (announce) {
          statusText.textContent = `Plan updated, ${change}. ${summary}`;
          updated.show();
        }
        announce = true;
        root.dispatchEvent(new CustomEvent("planner:plan", { detail: { profile, ms: timings.lastPlanMs } }));
        sheetFor(profile, fragment);
      } catch (error) {
        say(`The plan could not be shown: ${error.message}`);
      }
    } else if (result.field === "(runtime)") {
      section.setAttribute("aria-busy", "false");
    } else {
      fieldError(result.field, result.message);
      markStale(true);
      statusText.textContent = "One answer needs correcting; the plan below is out of date until then.";
    }
    if (again) {
      again = false;
      replan();
    }
  }

  const applyFragment = (fragment, { quiet = false } = {}) => {
    const found = fromFragment(form, fragment);
    if (found.error) {
      if (!quiet) say(`The answers in this link were ignored (${found.error}); the planner starts from the defaults.`);
      return null;
    }
    return found.profile ?? null;
  };

  // Start Python first: everything below is cheap by comparison.
  start(manifest);

  // Answers (health conditions included) stay on this device only if the person asks.
  const remember = root.querySelector('[name="remember"]');
  const rememberNote = root.querySelector(".hg-planner__remember-note") ?? document.createElement("span");
  if (remember) remember.checked = remembering();
  // Where do the answers come from: a shared link, else the kept plan, else the defaults.
  const fragment = location.hash.slice(1);
  let profile = applyFragment(fragment);
  const kept = remembering() ? loadKept() : null;
  if (!remembering()) forget(); // a plan kept by an earlier version of this page, before the choice
  // An in-page anchor (the heading's permalink, "Skip to content") holds no answers: it must not
  // reset the form to the defaults, nor then overwrite the kept plan with them.
  if (!profile && !fragment.includes("=") && kept) profile = kept.profile;
  if (profile) {
    const checked = fromFragment(form, toFragment(profile)).profile; // the kept profile is re-checked too
    profile = checked ?? null;
  }
  if (profile) {
    writeForm(form, profile);
    for (const name of FIELDS) if (name in profile) answered.add(name);
    if (kept && sameProfile(kept.profile, profile)) {
      try {
        showTree(section, kept.tree); // the kept plan, shown before Python is ready
        shown = profile;
      } catch {
        forget();
      }
    }
  }
  if (profile && shown === null) section.setAttribute("aria-busy", "true");

  form.addEventListener("input", (event) => {
    if (!event.target.name || event.target.name === "remember") return;
    answered.add(event.target.name);
    replan();
  });
  remember?.addEventListener("change", () => {
    setRemembering(remember.checked);
    if (remember.checked) replan(); // keeps the plan now
    else forget();
    rememberNote.textContent = remember.checked
      ? "Your answers will be kept in this browser until you press Forget."
      : "Nothing of your answers is kept on this device.";
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "remember") return;
    if (event.target.name && !answered.has(event.target.name)) {
      answered.add(event.target.name);
      replan();
    }
  });
  form.addEventListener("reset", () => {
    const before = { profile: readForm(form, answered), remember: remember?.checked ?? false };
    answered.clear();
    forget();
    say("");
    setTimeout(() => {
      if (remember) remember.checked = before.remember; // the choice to remember is not an answer
      replan(); // after the browser has reset the controls
      const undo = document.createElement("button");
      undo.type = "button";
      undo.className = "md-button";
      undo.dataset.action = "undo";
      undo.textContent = "Undo";
      undo.addEventListener("click", () => {
        writeForm(form, before.profile);
        if (remember) remember.checked = before.remember;
        for (const name of FIELDS) if (name in before.profile) answered.add(name);
        say("");
        replan();
      }, { once: true });
      notice.replaceChildren("Your answers are back at the defaults. ", undo);
      notice.hidden = false;
    }, 0);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  root.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "jump") {
      root.querySelector(".hg-planner__updated")?.setAttribute("hidden", "");
      const title = section.querySelector(".hg-plan__title");
      title.scrollIntoView({ block: "start" });
      title.focus({ preventScroll: true });
    } else if (action === "forget") {
      forget();
      setRemembering(false);
      if (remember) remember.checked = false;
      rememberNote.textContent = "Forgotten: nothing of your answers is kept on this device.";
      statusText.textContent = rememberNote.textContent;
    } else if (action === "print") {
      setDate();
      await sheetReady;
      window.print();
    } else if (action === "share") {
      // The confirmation goes next to the button, where the person is looking.
      const copied = root.querySelector(".hg-planner__copied");
      try {
        await navigator.clipboard.writeText(location.href);
        copied.textContent = "Link copied. Anyone who opens it sees the same plan; nothing is stored on a server.";
        statusText.textContent = "Link copied."; // the page's one live region reads it out
      } catch {
        copied.textContent = `Copy this link to share the plan: ${location.href}`;
      }
    }
  });
  window.addEventListener("beforeprint", () => {
    if (!root.isConnected) return;
    setDate();
    for (const details of section.querySelectorAll("details")) details.open = true;
  });
  window.addEventListener("hashchange", () => {
    if (!root.isConnected) return;
    const next = location.hash.slice(1);
    if (next === root.dataset.plannedProfile) return;
    const changed = applyFragment(next);
    if (changed) {
      say("");
      answered.clear();
      writeForm(form, changed);
      for (const name of FIELDS) if (name in changed) answered.add(name);
      replan();
    }
  });

  let shownState = null;
  const unsubscribe = onStatus((s) => {
    if (!root.isConnected) return unsubscribe?.();
    // Only a new state rewrites the status line: it also says "Plan updated: ..." after a change.
    if (s.state === shownState) return;
    shownState = s.state;
    root.dataset.plannerState = s.state === "idle" ? "loading" : s.state;
    if (s.state === "ready") {
      if (!timings.ready) timings.ready = s.readyAt;
      statusText.textContent = STATUS_TEXT.ready;
    } else if (s.state === "error") {
      statusText.textContent = `The personal planner could not start: ${s.message} The plan below is for the default answers; try reloading the page or another browser.`;
      section.setAttribute("aria-busy", "false");
    } else {
      statusText.textContent = STATUS_TEXT.loading;
    }
  });

  // On a phone the plan sits below a long form: after a change, a bar says so and jumps to it,
  // until the plan is on screen (docs/assets/planner/planner.css shows it on narrow screens only).
  const updated = (() => {
    const bar = root.querySelector(".hg-planner__updated");
    let visible = false;
    const seen = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible && bar) bar.hidden = true;
    });
    seen.observe(section.querySelector(".hg-plan__title") ?? section);
    return { show: () => { if (bar && !visible) bar.hidden = false; } };
  })();

  // What prints: the plan as a sheet (generator/planner/sheet.py), laid out by the worker's Python
  // a moment after each plan, off the plan's own critical path.
  const sheetBox = root.querySelector(".hg-planner__sheet");
  let sheetTimer = 0;
  let sheetReady = Promise.resolve();
  function sheetFor(profile, fragment) {
    if (!sheetBox) return;
    clearTimeout(sheetTimer);
    sheetReady = new Promise((resolve) => {
      sheetTimer = setTimeout(async () => {
        const now = new Date();
        const site = root.dataset.siteUrl;
        const result = await python("plan_sheet", JSON.stringify(profile), {
          figures: root.dataset.figures ?? "../assets/figures/",
          address: site ? `${site}planner/${fragment ? `#${fragment}` : ""}` : "",
          made: `Plan made on ${now.getDate()} ${MONTHS[now.getMonth()]} ${now.getFullYear()}`,
        });
        if (result.ok && root.isConnected) {
          try {
            showSheet(sheetBox, JSON.parse(result.json));
            root.dataset.sheetProfile = fragment;
          } catch {
            sheetBox.replaceChildren(); // the page prints as it is
          }
        }
        resolve();
      }, 150);
    });
  }

  // Plan right away: the request waits in the worker until Python is ready.
  replan();
}

function mountAll() {
  const root = document.getElementById("hg-planner");
  document.documentElement.classList.toggle("hg-print-plan", Boolean(root)); // print the sheet: program.css
  if (root) mount(root);
}

everyPage(mountAll);
