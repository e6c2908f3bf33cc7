// Run and checkpoint pickers shared by the sample, interpolate and edit pages. A picker loads /api/runs, keeps
// the runs a page can use, and on every change loads the chosen run's /api/run (config and checkpoints).
'use strict';
const ModelPicker = (() => {
  const { el } = Studio;

  // prefix: element id prefix (ids PREFIX-run, PREFIX-checkpoint); accept(summary): which runs to list;
  // onChange(detail): called with /api/run's answer (or null when no run can be picked).
  async function create(prefix, { accept, onChange, preselect }) {
    const run = el('select', { id: prefix + '-run' });
    const checkpoint = el('select', { id: prefix + '-checkpoint' });
    const box = el('div', { class: 'toolbar' },
      el('label', { class: 'field' }, 'Run', run), el('label', { class: 'field' }, 'Checkpoint', checkpoint));
    let detail = null;
    const runs = (await Studio.api('/api/runs')).filter(r => r.step > 0 && (!accept || accept(r)));
    runs.sort((a, b) => (b.created || '').localeCompare(a.created || ''));
    run.replaceChildren(...runs.map(r => el('option', { value: r.id }, r.id + ' (' + r.family + ', step ' + r.step + ')')));
    if (preselect && runs.some(r => r.id === preselect)) run.value = preselect;

    async function load() {
      if (!run.value) { detail = null; checkpoint.replaceChildren(); onChange(null); return; }
      detail = await Studio.api('/api/run?id=' + encodeURIComponent(run.value));
      const names = detail.checkpoints.slice().reverse();
      checkpoint.replaceChildren(el('option', { value: '' }, 'newest'),
        ...names.map(c => el('option', { value: c.name }, c.name + ' (step ' + c.step + ')')));
      onChange(detail);
    }
    run.addEventListener('change', () => load().catch(e => Studio.notice(e.message)));
    await load();
    return {
      element: box,
      empty: runs.length === 0,
      // the fields every model request carries
      fields: () => {
        const f = { id: run.value };
        if (checkpoint.value) f.checkpoint = checkpoint.value;
        return f;
      },
      detail: () => detail,
    };
  }

  // Facts about a run's model from its config: family, number of classes and their names.
  function model(detail) {
    const cfg = detail ? detail.config : {};
    const m = cfg.model || {};
    const classes = m.numClasses || (m.vae && m.vae.numClasses) || 0; // VAE-GAN: its VAE's classes
    const names = (cfg.data && cfg.data.classNames) || [];
    return { family: cfg.family || '', classes, names };
  }

  // A <select> of a model's classes (value = class index), with an optional first "none" entry.
  function classSelect(id, info, none) {
    const s = el('select', { id });
    if (none) s.append(el('option', { value: '-1' }, none));
    for (let k = 0; k < info.classes; k++) {
      s.append(el('option', { value: String(k) }, k + (info.names[k] ? ' ' + info.names[k] : '')));
    }
    return s;
  }

  // A labelled number input.
  function number(id, label, value, attrs) {
    const input = el('input', Object.assign({ id, type: 'number', value: String(value) }, attrs || {}));
    return { input, field: el('label', { class: 'field' }, label, input) };
  }

  // An image shown large with crisp pixels.
  function pixelImage(id, alt) {
    return el('img', { id, alt, class: 'pixels' });
  }

  return { create, model, classSelect, number, pixelImage };
})();
