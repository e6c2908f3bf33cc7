// Interpolate page: a path through a run's latent space between two held-out images, two seeds or two
// classes, computed on the server; a slider moves along it; strip and GIF downloadable.
'use strict';
Studio.page('interpolate', async (root, params) => {
  const { el, fmt } = Studio;
  const P = ModelPicker;
  // appended now: if the page is left (or shown again) while it loads, the stale copy stays detached
  const view = el('div');
  root.append(view);
  const mode = el('select', { id: 'interp-mode' },
    [['seeds', 'two seeds'], ['images', 'two held-out images'], ['classes', 'two classes']]
      .map(([v, t]) => el('option', { value: v }, t)));
  const from = P.number('interp-from', 'From', 0, { min: 0, step: 1 });
  const to = P.number('interp-to', 'To', 1, { min: 0, step: 1 });
  const fromPreview = P.pixelImage('interp-from-preview', 'first held-out image');
  const toPreview = P.pixelImage('interp-to-preview', 'second held-out image');
  const frames = P.number('interp-frames', 'Frames (2-64)', 8, { min: 2, max: 64, step: 1 });
  const path = el('select', { id: 'interp-path' }, ['slerp', 'lerp'].map(p => el('option', { value: p }, p)));
  const seed = P.number('interp-seed', 'Seed (classes of a conditional model)', 0, { step: 1 });
  const classBox = el('span');
  const endpoints = el('div', { class: 'toolbar', id: 'interp-endpoints' });
  const previews = el('div', { class: 'side-by-side', id: 'interp-previews' });
  const go = el('button', { class: 'primary', id: 'interp-go' }, 'Interpolate');
  const status = el('span', { class: 'muted', id: 'interp-status' });
  const frame = P.pixelImage('interp-frame', 'frame');
  const slider = el('input', { type: 'range', id: 'interp-slider', min: 0, max: 0, value: 0, step: 1, disabled: true });
  const frameLabel = el('span', { class: 'muted', id: 'interp-frame-label' });
  const strip = el('img', { id: 'interp-strip', class: 'interp-strip', alt: 'strip', hidden: true });
  const gif = P.pixelImage('interp-gif', 'animation');
  gif.hidden = true;
  frame.hidden = true;
  const stripLink = el('a', { id: 'interp-download-strip', download: '', hidden: true }, 'strip (PNG)');
  const gifLink = el('a', { id: 'interp-download-gif', download: '', hidden: true }, 'animation (GIF)');
  let classSelect = null;
  let info = P.model(null);
  let urls = [];

  function layout(detail) {
    info = P.model(detail);
    const m = mode.value;
    classSelect = info.classes > 0 && m !== 'classes' ? P.classSelect('interp-class', info,
      m === 'images' ? 'each image\u2019s own class' : 'unconditional') : null;
    classBox.replaceChildren(classSelect ? el('label', { class: 'field' }, 'Class', classSelect) : '');
    from.field.firstChild.textContent = m === 'images' ? 'First image' : m === 'seeds' ? 'First seed' : 'First class';
    to.field.firstChild.textContent = m === 'images' ? 'Second image' : m === 'seeds' ? 'Second seed' : 'Second class';
    from.input.min = m === 'seeds' ? '' : '0';
    endpoints.replaceChildren(el('label', { class: 'field' }, 'Between', mode), from.field, to.field,
      m === 'classes' && info.classes > 0 ? seed.field : '', frames.field,
      el('label', { class: 'field' }, 'Path', path), classBox);
    previews.hidden = m !== 'images';
    showPreviews();
    go.disabled = !detail;
  }

  function showPreviews() {
    if (mode.value !== 'images' || !picker) return;
    const id = encodeURIComponent(picker.fields().id);
    fromPreview.src = '/api/run/heldout?id=' + id + '&index=' + Number(from.input.value);
    toPreview.src = '/api/run/heldout?id=' + id + '&index=' + Number(to.input.value);
  }

  function show(k) {
    if (!urls.length) return;
    frame.src = urls[k];
    frame.dataset.frame = String(k);
    frameLabel.textContent = 'frame ' + (k + 1) + ' of ' + urls.length;
  }

  let picker = null;
  picker = await P.create('interp', { onChange: layout, preselect: params.get('id') });
  mode.addEventListener('change', () => layout(picker.detail()));
  from.input.addEventListener('change', showPreviews);
  to.input.addEventListener('change', showPreviews);
  slider.addEventListener('input', () => show(Number(slider.value)));
  previews.append(el('figure', {}, fromPreview, el('figcaption', {}, 'from')),
    el('figure', {}, toPreview, el('figcaption', {}, 'to')));
  view.append(el('h1', {}, 'Interpolate'), picker.element, endpoints, previews,
    el('div', { class: 'toolbar' }, go, status),
    el('div', { class: 'side-by-side' }, el('figure', {}, frame, el('figcaption', {}, frameLabel)),
      el('figure', {}, gif, el('figcaption', {}, 'there and back'))),
    el('div', { class: 'toolbar' }, 'frame', slider),
    strip, el('div', { class: 'toolbar' }, stripLink, gifLink));
  layout(picker.detail());
  if (picker.empty) status.textContent = 'No run with a checkpoint yet: train one first.';

  go.addEventListener('click', async () => {
    const body = Object.assign(picker.fields(), { mode: mode.value, from: Number(from.input.value),
      to: Number(to.input.value), frames: Number(frames.input.value), path: path.value });
    if (mode.value === 'classes') body.seed = Number(seed.input.value);
    if (classSelect) body.classLabel = Number(classSelect.value);
    go.disabled = true;
    status.textContent = 'computing frames...';
    Studio.notice(''); // an earlier attempt's error is not this one's
    try {
      const r = await Studio.api('/api/run/interpolate', { json: body });
      urls = r.frames;
      slider.max = String(urls.length - 1);
      slider.value = '0';
      slider.disabled = false;
      frame.hidden = false;
      show(0);
      strip.src = r.strip;
      strip.hidden = false;
      gif.src = r.gif;
      gif.hidden = false;
      stripLink.href = r.stripDownload;
      gifLink.href = r.gifDownload;
      stripLink.hidden = gifLink.hidden = false;
      status.textContent = urls.length + ' frames (' + r.family + ' latent, ' + r.encoding + ', ' + r.path + ')'
        + (r.cached ? ' from the cache' : ' in ' + fmt(r.ms / 1000, 2) + ' s')
        + (r.endPsnr ? '; ends reproduce the images at ' + fmt(r.endPsnr[0], 1) + ' and ' + fmt(r.endPsnr[1], 1) + ' dB' : '');
    } catch (e) {
      status.textContent = '';
      Studio.notice(e.message);
    } finally {
      go.disabled = false;
    }
  });
});
