// Same-origin JSON API client. Every error becomes an ApiError carrying the server's
// {"detail": ...} message (and the parameter a 422 names, the Retry-After of a 429), so
// the page can show it instead of a bare status code.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

let base = "/api";

export function setApiBase(url) {
  base = url.replace(/\/$/, "");
}

export function apiUrl(path, params = {}) {
  const url = new URL(`${base}${path}`, location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  return url;
}

/** The ApiError for a failed response: its detail, the parameter a 422 names, Retry-After. */
async function failure(response) {
  let detail = `HTTP ${response.status}`;
  let parameter = null;
  try {
    const body = await response.json();
    if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    if (body && typeof body.parameter === "string") parameter = body.parameter;
  } catch {
    // not JSON: keep the status line
  }
  const error = new ApiError(response.status, detail);
  error.parameter = parameter;
  const retry = Number(response.headers.get("Retry-After"));
  error.retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  return error;
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, error.message);
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

export function getJSON(path, params = {}, { signal } = {}) {
  return send(apiUrl(path, params), { signal, headers: { Accept: "application/json" } });
}

/** POST `body` as JSON; a 422 error carries `parameter`, a 429 `retryAfter` (seconds). */
export function postJSON(path, body, params = {}, { signal } = {}) {
  return send(apiUrl(path, params), {
    method: "POST",
    signal,
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/**
 * Split a 422 detail such as "body.name: msg; body.contact: msg" into [field, message]
 * pairs (a part that names no field goes to `fallbackField`, the parameter the API named).
 */
export function splitDetail(detail, fallbackField = "") {
  const parts = String(detail).split(/;\s+(?=(?:body\.)?[a-z_]+(?:\.\d+)?:\s)/);
  return parts.map((part) => {
    const match = /^(?:body\.)?([a-z_]+)(?:\.\d+)?:\s*([\s\S]*)$/.exec(part);
    return match ? [match[1], match[2].replace(/^Value error,\s*/i, "")] : [fallbackField, part];
  });
}
