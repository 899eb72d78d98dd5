// Builds DOM nodes from data without ever parsing markup: every piece of
// text, including anything that came from an ingested document, becomes a
// text node, so it cannot turn into an element, an attribute or a script.

// Attributes the app may set. Event handler attributes and `style` are not in
// the list (the CSP forbids them anyway); links go through safeHref.
const ATTRS = new Set([
  'id', 'class', 'dir', 'lang', 'type', 'name', 'value', 'placeholder', 'for', 'title',
  'role', 'min', 'max', 'step', 'accept', 'autocomplete', 'rows', 'colspan', 'scope',
  'download', 'start', 'tabindex', 'maxlength', 'size', 'inputmode', 'spellcheck', 'list',
]);

// Only same-origin paths ("/doc/4", "/api/docs/4/original"): no scheme, no
// "//host", no backslash tricks. Anything else becomes "#".
export function safeHref(href) {
  return typeof href === 'string' && /^\/(?![\/\\])/.test(href) ? href : '#';
}

// h('a', {href: '/doc/1', class: 'x', on: {click: f}}, 'text', child, [more])
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'href') {
      el.setAttribute('href', safeHref(v));
    } else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'required' ||
               k === 'hidden' || k === 'multiple' || k === 'open') {
      el[k] = Boolean(v);
    } else if (k === 'data') {
      for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    } else if (k.startsWith('aria-') || ATTRS.has(k)) {
      el.setAttribute(k, v === true ? '' : String(v));
    } else {
      throw new Error(`dom: attribute ${k} not allowed`);
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// Replaces the children of `el`.
export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}
