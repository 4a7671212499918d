// api.js: the only place that talks to the server.
//
// Every call goes to /api/v1/... with the session cookie (credentials 'same-origin'). Requests that change state carry
// X-CSRF-Token (set from the login or GET /api/v1/session reply through setCsrfToken) and, when they have a body,
// Content-Type: application/json. A reply that is not 2xx becomes a thrown ApiError carrying the API's status, code,
// message and field. A 401 'unauthenticated' (the session ended) also calls the handler set by onUnauthenticated, which
// the app uses to go to the login page.

import { label } from './i18n.js';

const BASE = '/api/v1';
let csrfToken = '';
let unauthenticatedHandler = null;

/** ApiError: a failed API call. status is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || label('error', code) || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

/** setCsrfToken: remember the token sent with every state-changing request ('' to forget it). */
export function setCsrfToken(token) {
  csrfToken = token || '';
}

/** onUnauthenticated: set the function called (once per failing request) when the server says the session is gone. */
export function onUnauthenticated(fn) {
  unauthenticatedHandler = fn;
}

/** query: build '?a=1&b=2' from an object, skipping null, undefined and '' values. */
export function query(params) {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === '') continue;
    usp.append(k, String(v));
  }
  const s = usp.toString();
  return s ? '?' + s : '';
}

/**
 * request: perform one API call. method 'GET'|'POST'|'PUT'|'DELETE'; path below /api/v1 ('/users'); body an object or
 * undefined; opts.quiet401 suppresses the unauthenticated handler (used by the boot check and the login form).
 * Resolves to the parsed JSON reply (null for an empty body); rejects with ApiError.
 */
export async function request(method, path, body, opts) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', null, null);
  }
  let data = null;
  const text = await resp.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = undefined;
    }
  }
  if (resp.ok) {
    if (data === undefined) throw new ApiError(resp.status, 'bad_reply', null, null);
    return data;
  }
  const e = data && data.error ? data.error : {};
  const code = e.code || (resp.status >= 500 ? 'internal' : 'unknown');
  const err = new ApiError(resp.status, code, e.message, e.field);
  if (resp.status === 401 && code === 'unauthenticated' && !(opts && opts.quiet401) && unauthenticatedHandler) {
    unauthenticatedHandler(err);
  }
  throw err;
}

export const get = (path, params, opts) => request('GET', path + query(params), undefined, opts);
export const post = (path, body, opts) => request('POST', path, body === undefined ? {} : body, opts);
export const put = (path, body, opts) => request('PUT', path, body, opts);
export const del = (path, opts) => request('DELETE', path, undefined, opts);

/**
 * download: GET a file route below /api/v1 ('/cases/export.xlsx') with the query params. Resolves to {blob, filename}
 * (the name from Content-Disposition, its UTF-8 form when given); rejects with ApiError as request() does.
 */
export async function download(path, params) {
  let resp;
  try {
    resp = await fetch(BASE + path + query(params), { credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', null, null);
  }
  if (!resp.ok) {
    const data = await resp.json().catch(() => null);
    const e = data && data.error ? data.error : {};
    const err = new ApiError(resp.status, e.code || (resp.status >= 500 ? 'internal' : 'unknown'), e.message, e.field);
    if (resp.status === 401 && err.code === 'unauthenticated' && unauthenticatedHandler) unauthenticatedHandler(err);
    throw err;
  }
  const cd = resp.headers.get('Content-Disposition') || '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const ascii = /filename="([^"]+)"/i.exec(cd);
  let filename = ascii ? ascii[1] : 'export';
  if (utf8) {
    try {
      filename = decodeURIComponent(utf8[1]);
    } catch (e) { /* keep the ASCII name */ }
  }
  return { blob: await resp.blob(), filename };
}

/**
 * getAll: every item of a paged list route, fetched 200 at a time (the API's maximum page). params are extra query
 * parameters. Resolves to the array of items.
 */
export async function getAll(path, params) {
  const items = [];
  for (let offset = 0; ; offset += 200) {
    const page = await get(path, Object.assign({}, params, { limit: 200, offset }));
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/**
 * uploadFile: POST a file as the raw request body to a route below /api/v1 ('/imports') with the query params, through
 * XMLHttpRequest so that onProgress(sent, total) follows the upload (imports, issue 12). Resolves to {status, body}
 * (the parsed JSON reply); rejects with ApiError as request() does.
 */
export function uploadFile(path, params, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path + query(params));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'network', null, null));
    xhr.onload = () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body: data });
        return;
      }
      const e = data && data.error ? data.error : {};
      const err = new ApiError(xhr.status, e.code || (xhr.status >= 500 ? 'internal' : 'unknown'), e.message, e.field);
      if (xhr.status === 401 && err.code === 'unauthenticated' && unauthenticatedHandler) unauthenticatedHandler(err);
      reject(err);
    };
    xhr.send(file);
  });
}
