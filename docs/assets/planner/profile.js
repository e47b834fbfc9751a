// The profile on the page: read from and written to the form, and kept in the URL fragment.
//
// Only the fields a person has answered (or that came with a link) go into the profile, so
// an untouched form plans exactly the default profile `{}`, like the build-time plan. The
// fragment is plain text such as `#level=beginner&equipment=mat,bench`; anything in it that
// the form does not offer makes the whole fragment be ignored (with a notice), never applied.
export const FIELDS = ["equipment", "level", "goal", "sessions_per_week", "minutes_per_session",
  "emphasis", "conditions", "sits_most_of_day"];
const LISTS = new Set(["equipment", "conditions"]);
const NUMBERS = new Set(["sessions_per_week", "minutes_per_session"]);
const MAX_FRAGMENT = 1000;

function controls(form, name) {
  return [...form.elements].filter((el) => el.name === name);
}

function allowed(form, name) {
  return new Set(controls(form, name).map((el) => el.value));
}

/** The profile for the answered fields of the form (numbers stay numbers; bad ones are sent as given). */
export function readForm(form, answered) {
  const profile = {};
  for (const name of FIELDS) {
    if (!answered.has(name)) continue;
    const els = controls(form, name);
    if (LISTS.has(name)) profile[name] = els.filter((el) => el.checked).map((el) => el.value);
    else if (name === "sits_most_of_day") profile[name] = els[0].checked;
    else if (NUMBERS.has(name)) {
      const text = els[0].value.trim();
      profile[name] = /^-?\d{1,6}$/.test(text) ? Number(text) : text;
    } else profile[name] = els.find((el) => el.checked)?.value ?? "";
  }
  return profile;
}

/** Set the form to a profile; fields it does not give go back to their defaults. */
export function writeForm(form, profile) {
  form.reset();
  for (const name of FIELDS) {
    if (!(name in profile)) continue;
    const value = profile[name];
    for (const el of controls(form, name)) {
      if (LISTS.has(name)) el.checked = value.includes(el.value);
      else if (name === "sits_most_of_day") el.checked = value === true;
      else if (NUMBERS.has(name)) el.value = String(value);
      else el.checked = el.value === value;
    }
  }
}

/** The fragment text for a profile ("" for the default profile). */
export function toFragment(profile) {
  const parts = [];
  for (const name of FIELDS) {
    if (!(name in profile)) continue;
    const value = profile[name];
    parts.push(`${name}=${encodeURIComponent(Array.isArray(value) ? value.join(",") : String(value))}`);
  }
  return parts.join("&");
}

/**
 * The profile in a fragment (without "#"), checked against what the form offers.
 * Returns {profile} or {error} (a reader's words); {} when it is no profile (empty, or an anchor).
 */
export function fromFragment(form, fragment) {
  // A fragment without "=" is an anchor (mkdocs-material also writes section anchors there).
  if (!fragment || !fragment.includes("=")) return {};
  if (fragment.length > MAX_FRAGMENT) return { error: "the link's answers are too long" };
  const profile = {};
  for (const part of fragment.split("&")) {
    const cut = part.indexOf("=");
    const name = part.slice(0, cut);
    let value;
    try {
      value = decodeURIComponent(part.slice(cut + 1));
    } catch {
      return { error: "the link's answers are garbled" };
    }
    if (!FIELDS.includes(name) || Object.hasOwn(profile, name)) {
      return { error: `the link has an unknown or repeated answer` };
    }
    if (LISTS.has(name)) {
      const known = allowed(form, name);
      const items = value === "" ? [] : value.split(",");
      if (!items.every((item) => known.has(item))) return { error: `the link names an unknown ${name} item` };
      profile[name] = items;
    } else if (NUMBERS.has(name)) {
      const el = controls(form, name)[0];
      const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (!(n >= Number(el.min) && n <= Number(el.max))) return { error: `the link's ${name.replaceAll("_", " ")} is out of range` };
      profile[name] = n;
    } else if (name === "sits_most_of_day") {
      if (value !== "true" && value !== "false") return { error: "the link's sitting answer is not true or false" };
      profile[name] = value === "true";
    } else {
      if (!allowed(form, name).has(value)) return { error: `the link's ${name} is not one of the choices` };
      profile[name] = value;
    }
  }
  return { profile };
}

/** True when two profiles are the same answers. */
export function sameProfile(a, b) {
  return toFragment(a) === toFragment(b);
}
