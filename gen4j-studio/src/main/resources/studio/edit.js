// Edit page: with a diffusion run, paint a mask over a held-out or uploaded image and inpaint it, or denoise
// a noisy copy; the original, what the model was given and the result are shown side by side.
'use strict';
Studio.page('edit', async (root, params) => {
  const { el, fmt } = Studio;
  const P = ModelPicker;
  // appended now: if the page is left (or shown again) while it loads, the stale copy stays detached
  const view = el('div');
  root.append(view);
  const SIZE = 280; // the canvas's pixels; the mask is scaled to the model's size on the server
  const source = el('select', { id: 'edit-source' },
    [['heldout', 'held-out image'], ['upload', 'uploaded image']].map(([v, t]) => el('option', { value: v }, t)));
  const heldout = P.number('edit-heldout', 'Held-out image', 0, { min: 0, step: 1 });
  const file = el('input', { type: 'file', id: 'edit-upload', accept: 'image/png,image/jpeg,image/gif,image/bmp' });
  const brush = el('input', { type: 'range', id: 'edit-brush', min: 4, max: 80, value: 28, step: 1 });
  const clear = el('button', { id: 'edit-clear' }, 'Clear mask');
  const method = el('select', { id: 'edit-method' }, ['repaint', 'replace'].map(m => el('option', { value: m }, m)));
  const steps = P.number('edit-steps', 'Levels', 50, { min: 1, max: 1000, step: 1 });
  const resample = P.number('edit-resample', 'RePaint repeats', 5, { min: 1, max: 20, step: 1 });
  const noise = P.number('edit-noise', 'Noise (std)', 0.2, { min: 0.01, max: 0.99, step: 0.01 });
  const seed = P.number('edit-seed', 'Seed', 0, { step: 1 });
  const inpaint = el('button', { class: 'primary', id: 'edit-inpaint' }, 'Inpaint');
  const denoise = el('button', { id: 'edit-denoise' }, 'Denoise');
  const status = el('span', { class: 'muted', id: 'edit-status' });
  const image = el('img', { id: 'edit-image', alt: 'image to edit' });
  const canvas = el('canvas', { id: 'mask-canvas', width: SIZE, height: SIZE });
  const stage = el('div', { class: 'edit-stage', id: 'edit-stage' }, image, canvas);
  const original = P.pixelImage('edit-original', 'original');
  const given = P.pixelImage('edit-input', 'what the model was given');
  const result = P.pixelImage('edit-result', 'result');
  const givenCaption = el('figcaption', {}, 'input');
  const download = el('a', { id: 'edit-download', download: '', hidden: true }, 'download result (PNG)');
  const results = el('div', { class: 'side-by-side', id: 'edit-results', hidden: true },
    el('figure', {}, original, el('figcaption', {}, 'original')), el('figure', {}, given, givenCaption),
    el('figure', {}, result, el('figcaption', {}, 'result')));
  const pick = el('span', { id: 'edit-pick' });
  let upload = null; // the id of the prepared upload
  let picker = null;

  // painting: white strokes on a transparent canvas (shown translucent over the image)
  const ctx = canvas.getContext('2d');
  let painting = false;
  let last = null;
  function point(e) {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * SIZE / r.width, y: (e.clientY - r.top) * SIZE / r.height };
  }
  function paint(p) {
    ctx.strokeStyle = ctx.fillStyle = '#fff';
    ctx.lineWidth = Number(brush.value);
    ctx.lineCap = 'round';
    ctx.beginPath();
    if (last) { ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke(); }
    ctx.beginPath();
    ctx.arc(p.x, p.y, Number(brush.value) / 2, 0, 2 * Math.PI);
    ctx.fill();
    last = p;
    canvas.dataset.painted = 'true';
  }
  canvas.addEventListener('mousedown', (e) => { painting = true; last = null; paint(point(e)); e.preventDefault(); });
  canvas.addEventListener('mousemove', (e) => { if (painting) paint(point(e)); });
  const stop = () => { painting = false; last = null; };
  window.addEventListener('mouseup', stop);
  Studio.onLeave(() => window.removeEventListener('mouseup', stop));
  canvas.addEventListener('mouseleave', () => { last = null; });
  clear.addEventListener('click', () => { ctx.clearRect(0, 0, SIZE, SIZE); delete canvas.dataset.painted; });

  // the mask as the server reads it: white (fill) on black (keep)
  function maskUrl() {
    const off = document.createElement('canvas');
    off.width = off.height = SIZE;
    const o = off.getContext('2d');
    o.fillStyle = '#000';
    o.fillRect(0, 0, SIZE, SIZE);
    o.drawImage(canvas, 0, 0);
    return off.toDataURL('image/png');
  }

  function showImage() {
    if (!picker || !picker.fields().id) return;
    if (source.value === 'heldout') {
      image.src = '/api/run/heldout?id=' + encodeURIComponent(picker.fields().id) + '&index=' + Number(heldout.input.value);
    } else if (upload) {
      image.src = upload.url;
    } else {
      image.removeAttribute('src');
    }
  }

  async function sendUpload() {
    const f = file.files[0];
    if (!f || !picker) return;
    status.textContent = 'uploading...';
    try {
      upload = await Studio.api('/api/run/upload?id=' + encodeURIComponent(picker.fields().id),
        { method: 'POST', body: f, headers: { 'Content-Type': f.type || 'application/octet-stream' } });
      status.textContent = 'uploaded, resized to ' + upload.size + 'x' + upload.size;
      showImage();
    } catch (e) {
      upload = null;
      status.textContent = '';
      Studio.notice(e.message);
    }
  }

  function layout() {
    pick.replaceChildren(source.value === 'heldout' ? heldout.field : el('label', { class: 'field' }, 'Image', file));
    showImage();
  }

  source.addEventListener('change', layout);
  heldout.input.addEventListener('change', showImage);
  file.addEventListener('change', sendUpload);

  picker = await P.create('edit', {
    accept: r => r.family === 'diffusion',
    preselect: params.get('id'),
    onChange: (detail) => {
      upload = null; // an upload is prepared at one run's size
      inpaint.disabled = denoise.disabled = !detail;
      if (picker) { layout(); sendUpload(); }
    },
  });
  view.append(el('h1', {}, 'Edit with a diffusion run'), picker.element,
    el('div', { class: 'toolbar' }, el('label', { class: 'field' }, 'Image from', source), pick),
    el('div', { class: 'row' }, stage, el('div', {},
      el('div', { class: 'toolbar' }, el('label', { class: 'field' }, 'Brush', brush), clear),
      el('div', { class: 'toolbar' }, el('label', { class: 'field' }, 'Method', method), steps.field, resample.field,
        seed.field),
      el('div', { class: 'toolbar' }, inpaint, status),
      el('div', { class: 'toolbar' }, noise.field, denoise),
      el('p', { class: 'muted' }, 'Paint the region to fill in white, then Inpaint. Denoise adds noise of the '
        + 'chosen strength to the image and removes it again.'))),
    el('h2', {}, 'Result'), results, download);
  layout();
  if (picker.empty) status.textContent = 'No diffusion run with a checkpoint yet: train one first.';

  function imageFields() {
    if (source.value === 'upload') {
      if (!upload) throw new Error('choose an image file to upload first');
      return { upload: upload.upload };
    }
    return { heldout: Number(heldout.input.value) };
  }

  async function run(path, body, caption) {
    inpaint.disabled = denoise.disabled = true;
    status.textContent = 'running the model...';
    Studio.notice(''); // an earlier attempt's error is not this one's
    try {
      const r = await Studio.api(path, { json: Object.assign(picker.fields(), imageFields(), body) });
      original.src = r.original;
      given.src = r.input;
      result.src = r.result;
      result.dataset.done = String(Date.now());
      givenCaption.textContent = caption(r);
      download.href = r.resultDownload;
      download.hidden = false;
      results.hidden = false;
      status.textContent = 'done in ' + fmt(r.ms / 1000, 2) + ' s';
    } catch (e) {
      status.textContent = '';
      Studio.notice(e.message);
    } finally {
      inpaint.disabled = denoise.disabled = false;
    }
  }

  inpaint.addEventListener('click', () => run('/api/run/inpaint', {
    mask: maskUrl(), method: method.value, steps: Number(steps.input.value), resample: Number(resample.input.value),
    seed: Number(seed.input.value),
  }, r => 'masked (' + fmt(100 * r.maskShare, 0) + '% to fill)'));
  denoise.addEventListener('click', () => run('/api/run/denoise', {
    noise: Number(noise.input.value), seed: Number(seed.input.value),
  }, r => 'noisy' + (r.psnrNoisy ? ' (' + fmt(r.psnrNoisy, 1) + ' dB; result ' + fmt(r.psnrResult, 1) + ' dB)' : '')));
});
