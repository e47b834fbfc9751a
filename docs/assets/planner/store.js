// The last plan, kept in this browser's localStorage (never sent anywhere).
//
// What is read back is treated like any other untrusted input: parsed in a try block,
// shape-checked here, and its tree is built through view.js's allow-list.
const KEY = "hipguide.planner.v1";
const MAX_BYTES = 500_000;

/** The kept {profile, tree, savedAt}, or null if there is none or it is unusable. */
export function loadKept() {
  try {
    const text = localStorage.getItem(KEY);
    if (!text || text.length > MAX_BYTES) return null;
    const kept = JSON.parse(text);
    const ok = kept && typeof kept === "object" && kept.profile && typeof kept.profile === "object"
      && !Array.isArray(kept.profile) && Array.isArray(kept.tree);
    return ok ? kept : null;
  } catch {
    return null;
  }
}

/** Keep a plan's tree (JSON text) and its profile (does nothing when storage is full or off). */
export function keep(profile, treeText) {
  try {
    const head = JSON.stringify({ profile, savedAt: new Date().toISOString() });
    localStorage.setItem(KEY, `${head.slice(0, -1)},"tree":${treeText}}`);
  } catch {
    // private mode or quota: the URL still holds the answers
  }
}

/** Forget the kept plan. */
export function forget() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to do
  }
}
