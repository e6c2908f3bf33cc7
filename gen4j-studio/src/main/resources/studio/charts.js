// Line charts with uPlot (served from its webjar): one chart per metric, one line per run.
'use strict';
const Charts = (() => {
  const COLORS = ['#2f6fdf', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#5c940d', '#862e9c'];
  const SKIP = new Set(['step', 'kind', 'time', 'epoch', 'lr', 'images_per_s']);

  /** The metric names worth a chart in these records: "train:loss", "eval:elbo_bpd", ... */
  function metricNames(records) {
    const names = new Set();
    for (const r of records) {
      if (r.kind !== 'train' && r.kind !== 'eval') continue;
      for (const k of Object.keys(r)) {
        if (!SKIP.has(k) && !k.startsWith('grad_norm') && typeof r[k] === 'number') names.add(r.kind + ':' + k);
      }
    }
    return [...names].sort((a, b) => (a.startsWith('eval') ? 0 : 1) - (b.startsWith('eval') ? 0 : 1) || a.localeCompare(b));
  }

  /** [steps, values] of one metric in one run's records. */
  function seriesOf(records, name) {
    const [kind, key] = name.split(':');
    const xs = [], ys = [];
    for (const r of records) {
      if (r.kind === kind && typeof r[key] === 'number' && Number.isFinite(r[key])) { xs.push(r.step); ys.push(r[key]); }
    }
    return [xs, ys];
  }

  /** Draws (or redraws) one chart per metric into `box`; runs is a Map id -> records. */
  function draw(box, runs, width) {
    const all = [...runs.values()].flat();
    const names = metricNames(all);
    box.replaceChildren();
    for (const name of names) {
      const tables = [...runs.entries()].map(([, recs]) => seriesOf(recs, name));
      if (tables.every(t => t[0].length === 0)) continue;
      const data = uPlot.join(tables.map(t => t[0].length ? t : [[0], [null]]));
      const series = [{ label: 'step' }].concat([...runs.keys()].map((id, i) => ({
        label: runs.size > 1 ? id : name.split(':')[1], stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
      })));
      const div = Studio.el('div', { class: 'chart', 'data-metric': name });
      box.append(div);
      new uPlot({ title: name.replace(':', ' \u00b7 '), width: width || 380, height: 220, series,
        scales: { x: { time: false } }, legend: { show: runs.size > 1 } }, data, div);
    }
    if (!box.children.length) box.append(Studio.el('p', { class: 'muted' }, 'No metrics yet.'));
  }

  return { draw, metricNames, seriesOf };
})();
