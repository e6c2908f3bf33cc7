// Sample page: draw images from a run with a seed and the family's options; see the grid and the time per
// image; download any image as a PNG that records how to make it again.
'use strict';
Studio.page('sample', async (root, params) => {
  const { el, fmt } = Studio;
  const P = ModelPicker;
  // appended now: if the page is left (or shown again) while it loads, the stale copy stays detached
  const view = el('div');
  root.append(view);
  const seed = P.number('sample-seed', 'Seed', params.get('seed') || 0, { step: 1 });
  const n = P.number('sample-n', 'Images (1-256)', 16, { min: 1, max: 256, step: 1 });
  const temperature = P.number('sample-temperature', 'Temperature', 1, { min: 0, max: 10, step: 0.1 });
  const truncation = P.number('sample-truncation', 'Truncation (0 = off)', 0, { min: 0, max: 10, step: 0.1 });
  const sampler = el('select', { id: 'sample-sampler' }, ['dpm++2m', 'ddim', 'ddpm'].map(s => el('option', { value: s }, s)));
  const steps = P.number('sample-steps', 'Steps (0 = default)', 0, { min: 0, max: 1000, step: 1 });
  const eta = P.number('sample-eta', 'DDIM eta', 0, { min: 0, max: 10, step: 0.1 });
  const guidance = P.number('sample-guidance', 'Guidance', 0, { min: 0, max: 100, step: 0.5 });
  const classBox = el('span', { id: 'sample-class-box' });
  const options = el('div', { class: 'toolbar', id: 'sample-options' });
  const go = el('button', { class: 'primary', id: 'sample-go' }, 'Sample');
  const status = el('span', { class: 'muted', id: 'sample-status' });
  const grid = el('figure', { class: 'sample-grid' }, el('img', { id: 'sample-grid', alt: 'sample grid', hidden: true }));
  const images = el('div', { class: 'sample-images', id: 'sample-images' });
  let classSelect = null;

  function layout(detail) {
    const info = P.model(detail);
    const f = info.family;
    classSelect = info.classes > 0 ? P.classSelect('sample-class', info, 'all classes in turn') : null;
    classBox.replaceChildren(classSelect ? el('label', { class: 'field' }, 'Class', classSelect) : '');
    options.replaceChildren(seed.field, n.field,
      f !== 'gan' && f !== 'diffusion' ? temperature.field : '',
      f === 'gan' ? truncation.field : '',
      f === 'diffusion' ? el('label', { class: 'field' }, 'Sampler', sampler) : '',
      f === 'diffusion' ? steps.field : '',
      f === 'diffusion' ? eta.field : '',
      f === 'diffusion' && info.classes > 0 ? guidance.field : '',
      classBox);
    go.disabled = !detail;
  }

  const picker = await P.create('sample', { onChange: layout, preselect: params.get('id') });
  view.append(el('h1', {}, 'Sample'), picker.element, options, el('div', { class: 'toolbar' }, go, status), grid,
    el('h2', {}, 'Images'), images);
  if (picker.empty) status.textContent = 'No run with a checkpoint yet: train one first.';

  go.addEventListener('click', async () => {
    const f = P.model(picker.detail()).family;
    const body = Object.assign(picker.fields(), { seed: Number(seed.input.value), n: Number(n.input.value) });
    if (f !== 'gan' && f !== 'diffusion') body.temperature = Number(temperature.input.value);
    if (f === 'gan') body.truncation = Number(truncation.input.value);
    if (f === 'diffusion') {
      Object.assign(body, { sampler: sampler.value, steps: Number(steps.input.value), eta: Number(eta.input.value) });
      if (classSelect) body.guidance = Number(guidance.input.value);
    }
    if (classSelect) body.classLabel = Number(classSelect.value);
    go.disabled = true;
    status.textContent = 'sampling...';
    Studio.notice(''); // an earlier attempt's error is not this one's
    try {
      const r = await Studio.api('/api/run/sample', { json: body });
      status.textContent = r.n + ' images from ' + r.checkpoint + ' (step ' + r.step + ') in ' + fmt(r.ms / 1000, 2)
        + ' s: ' + fmt(r.msPerImage, 1) + ' ms/image';
      status.dataset.msPerImage = String(r.msPerImage);
      const img = document.getElementById('sample-grid');
      img.src = r.grid;
      img.hidden = false;
      images.replaceChildren(...r.images.map((m, i) => el('figure', { 'data-seed': m.seed },
        el('img', { src: m.url, alt: 'seed ' + m.seed, id: 'sample-image-' + i }),
        el('figcaption', {}, el('a', { href: m.download, id: 'sample-download-' + i, class: 'sample-download',
          download: '' }, 'seed ' + m.seed + (m.classLabel >= 0 ? ' \u00b7 class ' + m.classLabel : ''))))));
    } catch (e) {
      status.textContent = '';
      Studio.notice(e.message);
    } finally {
      go.disabled = false;
    }
  });
});
