// The login page. On success it loads /api/me (collections, CSRF token) and
// goes to ?next= when that is a local path.
import {api, ApiError} from '../api.js';
import {errorText, loadMe, navigate, session} from '../core.js';
import {h, replace} from '../dom.js';
import {t} from '../i18n.js';

export async function renderLogin(main) {
  const message = h('p', {class: 'error', role: 'alert', id: 'login-error', hidden: true});
  const user = h('input', {id: 'login-user', name: 'user', autocomplete: 'username', dir: 'auto', required: true});
  const password = h('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const form = h('form', {class: 'login card', id: 'login-form', on: {submit: async (ev) => {
    ev.preventDefault();
    message.hidden = true;
    try {
      await api('POST', '/api/login', null, {user: user.value, password: password.value});
      session.me = null;
      await loadMe();
      const next = new URLSearchParams(location.search).get('next') || '/search';
      navigate(/^\/(?![\/\\])/.test(next) && !next.startsWith('/login') ? next : '/search',
          {replaceState: true});
    } catch (e) {
      password.value = '';
      replace(message, e instanceof ApiError && e.status === 429 ?
          t('login.throttled', e.body.retry_after ?? '?') :
          e instanceof ApiError && (e.status === 401 || e.status === 403) ? t('login.failed') :
          errorText(e));
      message.hidden = false;
    }
  }}},
  h('h1', {}, t('login.title')),
  h('label', {for: 'login-user'}, t('login.user')), user,
  h('label', {for: 'login-password'}, t('login.password')), password,
  h('button', {type: 'submit', id: 'login-submit'}, t('login.submit')),
  message);
  replace(main, form);
  user.focus();
}
