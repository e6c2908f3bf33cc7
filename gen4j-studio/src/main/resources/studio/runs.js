// The runs table: every run folder under --runs, sortable and filterable, updated live.
'use strict';
Studio.page('runs', (root) => {
  const { el, fmt } = Studio;
  const columns = [
    { key: 'id', label: 'Run' },
    { key: 'family', label: 'Family' },
    { key: 'status', label: 'Status' },
    { key: 'step', label: 'Steps', num: true },
    { key: 'imagesPerSecond', label: 'Images/s', num: true },
    { key: 'heldOutValue', label: 'Held-out', num: true },
    { key: 'created', label: 'Created' },
  ];
  let rows = [];
  let sort = { key: 'created', dir: -1 };
  const selected = new Set();
  const filter = el('input', { type: 'search', placeholder: 'filter runs', id: 'runs-filter', oninput: draw });
  const statusFilter = el('select', { id: 'runs-status', onchange: draw },
    ['all', 'training', 'finished', 'stopped', 'failed'].map(s => el('option', { value: s }, s)));
  const open = el('button', { class: 'primary', id: 'runs-open', disabled: true, onclick: () => {
    location.hash = '#/run?' + [...selected].map(id => 'id=' + encodeURIComponent(id)).join('&');
  } }, 'Open selected');
  const table = el('table', { id: 'runs-table' });
  root.append(el('h1', {}, 'Runs'), el('div', { class: 'toolbar' }, filter, statusFilter, open,
    el('span', { class: 'muted', id: 'runs-count' })), table);

  function value(r, k) {
    return r[k] === null || r[k] === undefined ? (k === 'heldOutValue' ? Infinity : '') : r[k];
  }

  function draw() {
    const q = filter.value.trim().toLowerCase();
    const st = statusFilter.value;
    const shown = rows.filter(r => (st === 'all' || r.status === st)
      && (!q || (r.id + ' ' + r.family + ' ' + r.status).toLowerCase().includes(q)));
    shown.sort((a, b) => {
      const x = value(a, sort.key), y = value(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
    const head = el('tr', {}, el('th', {}, ''), columns.map(c => el('th', {
      class: (c.num ? 'num ' : '') + (sort.key === c.key ? (sort.dir > 0 ? 'sorted-asc' : 'sorted-desc') : ''),
      'data-key': c.key,
      onclick: () => { sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 }; draw(); },
    }, c.label)));
    const body = shown.map(r => el('tr', { 'data-id': r.id },
      el('td', {}, el('input', { type: 'checkbox', checked: selected.has(r.id), onchange: (e) => {
        if (e.target.checked) selected.add(r.id); else selected.delete(r.id);
        open.disabled = selected.size === 0;
      } })),
      el('td', {}, Studio.runLink(r.id)),
      el('td', {}, r.family),
      el('td', {}, el('span', { class: 'status ' + r.status, title: r.statusMessage || '' }, r.status)),
      el('td', { class: 'num' }, fmt(r.step, 0) + (r.targetSteps > 0 ? ' / ' + fmt(r.targetSteps, 0) : '')),
      el('td', { class: 'num' }, fmt(r.imagesPerSecond, 0)),
      el('td', { class: 'num', title: r.heldOutMetric || '' },
        r.heldOutValue === null ? '' : r.heldOutMetric + ' ' + fmt(r.heldOutValue)),
      el('td', {}, (r.created || '').replace('T', ' ').replace(/\..*$/, ''))));
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, body));
    document.getElementById('runs-count').textContent = shown.length + ' of ' + rows.length + ' runs';
  }

  const events = new EventSource('/api/events');
  events.addEventListener('runs', (e) => { rows = JSON.parse(e.data); draw(); });
  events.onerror = () => { Studio.api('/api/runs').then(r => { rows = r; draw(); }).catch(e => Studio.notice(e.message)); };
  Studio.onLeave(() => events.close());
});
