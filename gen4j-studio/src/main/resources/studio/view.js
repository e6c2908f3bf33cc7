// One or several runs: summary, live curves (overlaid), sample grids at a chosen step (side by side), config.
'use strict';
Studio.page('run', async (root, params) => {
  const { el, fmt } = Studio;
  const ids = params.getAll('id');
  if (!ids.length) { location.hash = '#/'; return; }
  const details = await Promise.all(ids.map(id => Studio.api('/api/run?id=' + encodeURIComponent(id))));
  const records = new Map(ids.map(id => [id, []]));
  const grids = new Map(ids.map((id, i) => [id, details[i].samples.slice()]));
  const summaries = new Map(ids.map((id, i) => [id, details[i].summary]));

  const title = ids.length === 1 ? ids[0] : ids.length + ' runs';
  const summaryBox = el('div', { class: 'card', id: 'run-summary' });
  const charts = el('div', { class: 'charts', id: 'run-charts' });
  const kind = el('select', { id: 'grid-kind', onchange: () => { follow = true; drawGrids(); } });
  const slider = el('input', { type: 'range', id: 'step-slider', min: 0, max: 0, value: 0, step: 1,
    oninput: () => { follow = Number(slider.value) === Number(slider.max); drawGrids(); } });
  const stepLabel = el('span', { id: 'step-label', class: 'muted' });
  const gridBox = el('div', { class: 'grids', id: 'run-grids' });
  let follow = true;
  root.append(el('h1', {}, title), summaryBox,
    el('h2', {}, 'Curves'), charts,
    el('h2', {}, 'Sample grids'), el('div', { class: 'toolbar' }, kind, 'step', slider, stepLabel), gridBox,
    ids.length === 1 ? el('div', {}, el('h2', {}, 'Config'), el('pre', { id: 'run-config' },
      JSON.stringify(details[0].config, null, 2))) : '');

  function drawSummary() {
    summaryBox.replaceChildren(el('table', {}, el('tr', {}, ['Run', 'Family', 'Status', 'Step', 'Images/s', 'Held-out']
      .map(h => el('th', {}, h))), ids.map(id => {
      const s = summaries.get(id);
      return el('tr', { 'data-id': id }, el('td', {}, Studio.runLink(id)), el('td', {}, s.family),
        el('td', {}, el('span', { class: 'status ' + s.status, title: s.statusMessage || '' }, s.status)),
        el('td', { class: 'num run-step' }, fmt(s.step, 0) + (s.targetSteps > 0 ? ' / ' + fmt(s.targetSteps, 0) : '')),
        el('td', { class: 'num' }, fmt(s.imagesPerSecond, 0)),
        el('td', { class: 'num' }, s.heldOutValue === null ? '' : s.heldOutMetric + ' ' + fmt(s.heldOutValue)));
    })));
  }

  function kinds() {
    const k = new Set();
    grids.forEach(list => list.forEach(g => k.add(g.kind)));
    return [...k].sort((a, b) => (a === 'samples' ? -1 : b === 'samples' ? 1 : a.localeCompare(b)));
  }

  function drawGrids() {
    const have = kinds();
    if (kind.options.length !== have.length) {
      const current = kind.value;
      kind.replaceChildren(...have.map(k => el('option', { value: k }, k)));
      if (have.includes(current)) kind.value = current;
    }
    const steps = [...new Set([...grids.values()].flat().filter(g => g.kind === kind.value).map(g => g.step))]
      .sort((a, b) => a - b);
    slider.max = Math.max(0, steps.length - 1);
    if (follow) slider.value = slider.max;
    const step = steps[Number(slider.value)];
    stepLabel.textContent = step === undefined ? 'no grids yet' : String(step);
    slider.dataset.step = step === undefined ? '' : String(step);
    gridBox.replaceChildren(...ids.map(id => {
      const mine = grids.get(id).filter(g => g.kind === kind.value && g.step <= step);
      const g = mine[mine.length - 1];
      return el('div', { class: 'grid', 'data-id': id }, el('figure', {},
        g ? el('img', { src: '/api/run/sample-grid?id=' + encodeURIComponent(id) + '&name=' + encodeURIComponent(g.file),
          alt: id + ' ' + g.kind + ' at step ' + g.step, 'data-step': g.step }) : el('div', { class: 'muted' }, 'none yet'),
        el('figcaption', {}, id + (g ? ' \u00b7 step ' + g.step : ''))));
    }));
  }

  let pending = false;
  function redrawCharts() {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; Charts.draw(charts, records, ids.length > 1 ? 560 : 380); }, 150);
  }

  const query = ids.map(id => 'id=' + encodeURIComponent(id)).join('&');
  const events = new EventSource('/api/events?' + query);
  events.addEventListener('metrics', (e) => {
    const d = JSON.parse(e.data);
    records.get(d.id).push(...d.records);
    redrawCharts();
  });
  events.addEventListener('sample', (e) => {
    const d = JSON.parse(e.data);
    const list = grids.get(d.id);
    if (!list.some(g => g.file === d.file)) { list.push(d); list.sort((a, b) => a.step - b.step); drawGrids(); }
  });
  events.addEventListener('status', (e) => {
    const s = JSON.parse(e.data);
    summaries.set(s.id, s);
    drawSummary();
  });
  events.addEventListener('problem', (e) => Studio.notice(JSON.parse(e.data).error));
  Studio.onLeave(() => events.close());
  drawSummary();
  drawGrids();
});
