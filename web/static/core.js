// State and helpers the pages share: the signed-in user, navigation,
// write permission and error messages.
import {api, ApiError, setCsrf} from './api.js';
import {h} from './dom.js';
import {hasMessage, t} from './i18n.js';

let renderer = () => {};

// app.js registers its router here (pages navigate without importing it).
export function setRenderer(fn) {
  renderer = fn;
}

// The signed-in user as /api/me gives it, or null.
export const session = {me: null};

export function navigate(url, {replaceState = false} = {}) {
  if (replaceState) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  renderer();
}

// Whether the user may write to a collection (tags, notes).
export function canWrite(collection) {
  const me = session.me;
  if (!me) return false;
  if (me.role === 'admin') return true;
  return (me.collections || []).some((c) => c.name === collection && c.access === 'write');
}

export async function loadMe() {
  try {
    session.me = await api('GET', '/api/me');
    setCsrf(session.me.csrf);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    session.me = null;
    setCsrf('');
  }
  return session.me;
}

export async function logout() {
  try {
    await api('POST', '/api/logout', null, {});
  } catch {
    // The session is gone either way; the login page follows.
  }
  session.me = null;
  setCsrf('');
  navigate('/login');
}

// Message for a failed API call, in the interface language.
export function errorText(e) {
  if (e instanceof ApiError) {
    // The server's `code` is stable; its `error` text is English only, so it
    // is shown as the detail of the few messages that need one.
    const code = typeof e.body.code === 'string' ? `error.${e.body.code}` : '';
    if (code && hasMessage(code)) return t(code, e.message, e.body.ref ?? '');
    if (e.status === 404) return t('common.not_found');
    if (e.status === 403) return t('common.forbidden');
  }
  return t('common.error', e && e.message ? e.message : String(e));
}

export function errorBox(e) {
  return h('p', {class: 'error', role: 'alert'}, errorText(e));
}

