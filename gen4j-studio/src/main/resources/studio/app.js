// gen4j studio: the page shell. Pages register with Studio.page(name, render); the hash "#/name?k=v" picks
// one. Every call to the server goes through Studio.api, which turns errors into one visible line.
'use strict';
const Studio = (() => {
  const pages = {};
  let cleanups = [];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function notice(message) {
    const n = document.getElementById('notice');
    n.textContent = message || '';
    n.hidden = !message;
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    if (opts.json !== undefined) {
      opts.method = opts.method || 'POST';
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(opts.json);
      delete opts.json;
    }
    const r = await fetch(path, opts);
    const type = r.headers.get('Content-Type') || '';
    const body = type.includes('application/json') ? await r.json() : await r.blob();
    if (r.status === 401) {
      notice('Not signed in: open the URL that "gen4j studio" printed in the terminal (it carries the token).');
    }
    if (!r.ok) {
      const message = body && body.error ? body.error : r.status + ' ' + r.statusText;
      throw new Error(message);
    }
    return body;
  }

  function onLeave(fn) { cleanups.push(fn); }

  function route() {
    cleanups.forEach(f => { try { f(); } catch (e) { /* a page's cleanup must not block the next page */ } });
    cleanups = [];
    const hash = location.hash.replace(/^#\/?/, '');
    const [name, query] = hash.split('?');
    const page = pages[name || 'runs'] ? (name || 'runs') : 'runs';
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page
      || (page === 'run' && a.dataset.page === 'runs')));
    const root = document.getElementById('page');
    root.replaceChildren();
    notice('');
    Promise.resolve(pages[page](root, new URLSearchParams(query || ''))).catch(e => notice(e.message));
  }

  function fmt(v, digits) {
    if (v === null || v === undefined || Number.isNaN(v)) return '';
    if (typeof v !== 'number') return String(v);
    if (Math.abs(v) >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
    return v.toFixed(digits === undefined ? 3 : digits);
  }

  function runLink(id, text) {
    return el('a', { href: '#/run?id=' + encodeURIComponent(id) }, text || id);
  }

  async function start() {
    window.addEventListener('hashchange', route);
    try {
      const info = await api('/api/info');
      document.getElementById('version').textContent = 'gen4j ' + info.version + ' \u00b7 ' + info.runs;
      Studio.info = info;
    } catch (e) {
      notice(e.message);
    }
    route();
  }

  // every page's script has registered by the time the document is parsed; the Content-Security-Policy
  // (script-src 'self') refuses inline scripts, so the start is here rather than in index.html
  document.addEventListener('DOMContentLoaded', start);

  return { el, api, notice, page: (name, render) => { pages[name] = render; }, onLeave, fmt, runLink, start,
    route, info: null };
})();
