// The investor's project as last entered on the match page (industry, planned investment,
// expected output and tax, in 万元), kept in localStorage so that the map's parcel panel and
// the compare page can estimate policies for it. Only these facts are kept, never contact
// details.
const STORAGE_KEY = "zoneatlas.project";
export const PROJECT_FIELDS = ["industry", "investment_wan", "annual_output_wan", "annual_tax_wan"];

export function saveProject(facts) {
  const kept = {};
  for (const name of PROJECT_FIELDS) {
    const value = facts[name];
    if (value !== null && value !== undefined && value !== "") kept[name] = value;
  }
  try {
    if (Object.keys(kept).length) localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled: the project is simply not remembered
  }
}

/** The saved project's facts ({} when none), only the known fields with usable values. */
export function savedProject() {
  let stored = {};
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") || {};
  } catch {
    return {};
  }
  const facts = {};
  for (const name of PROJECT_FIELDS) {
    const value = stored[name];
    if (name === "industry" ? typeof value === "string" && /^[a-z_]{1,64}$/.test(value)
      : Number.isFinite(Number(value)) && Number(value) >= 0) facts[name] = value;
  }
  return facts;
}

/** The project facts present in a URL query (the compare page's shareable URL). */
export function projectFromQuery(search) {
  const params = new URLSearchParams(search);
  const facts = {};
  for (const name of PROJECT_FIELDS) {
    const value = params.get(name);
    if (value) facts[name] = value;
  }
  return facts;
}
