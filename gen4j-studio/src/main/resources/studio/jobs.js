// Train and compare: start `gen4j train FAMILY` or `gen4j compare` from a form (the server builds the command
// from the fields), follow the jobs, stop them (a checkpoint is written) and resume them.
'use strict';
Studio.page('jobs', async (root) => {
  const { el, api, notice } = Studio;
  const opts = await api('/api/jobs/options');
  root.append(el('h1', {}, 'Train and compare'));
  if (!opts.canStart) {
    root.append(el('p', { class: 'error', id: 'jobs-disabled' },
      'This studio cannot start jobs: it was started without the gen4j command.'));
  }

  const num = (id, label, min, max, placeholder) => el('label', { class: 'field' }, label,
    el('input', { id, type: 'number', min, max, step: 1, placeholder: placeholder || '' }));
  const select = (id, label, values, texts) => el('label', { class: 'field' }, label,
    el('select', { id }, values.map((v, i) => el('option', { value: v }, texts ? texts[i] : v))));
  const value = (id) => document.getElementById(id).value.trim();
  // a number field: absent when empty, else a whole number (the server checks the range and says which field)
  function put(body, key, id) {
    const v = value(id);
    if (v !== '') body[key] = Number(v);
  }

  const L = opts.limits;
  const dataNames = opts.data.map(d => d.name);
  const dataTexts = opts.data.map(d => d.name + ' \u2013 ' + d.description);
  const presetField = select('job-preset', 'preset (GAN)', opts.presets.gan);
  const trainForm = el('div', { class: 'card', id: 'train-form' }, el('h2', {}, 'Train a model'),
    el('div', { class: 'row' },
      select('job-family', 'family', opts.families),
      select('job-size', 'model', opts.sizes, opts.sizes.map(s => s === 'tiny' ? 'tiny (seconds)' : s)),
      num('job-steps', 'steps', L.steps.min, L.steps.max, 'family default'),
      num('job-budget', 'budget (seconds)', L.budget.min, L.budget.max, 'family default'),
      num('job-seed', 'seed', L.seed.min, L.seed.max, 'default'),
      num('job-batch', 'batch size', L.batch.min, L.batch.max, 'default'),
      presetField,
      select('job-data', 'data', dataNames, dataTexts),
      num('job-limit', 'images (0 = all)', L.limit.min, L.limit.max, 'all'),
      el('button', { class: 'primary', id: 'job-start', disabled: !opts.canStart, onclick: startTraining },
        'Start training')));
  presetField.querySelector('select').value = opts.defaultPreset.gan;
  const familySelect = trainForm.querySelector('#job-family');
  const showPreset = () => { presetField.hidden = familySelect.value !== 'gan'; };
  familySelect.addEventListener('change', showPreset);
  showPreset();

  const compareForm = el('div', { class: 'card', id: 'compare-form' }, el('h2', {}, 'Compare families'),
    el('label', {}, el('input', { type: 'checkbox', id: 'compare-demo', checked: true, onchange: showCompare }),
      ' the demonstration (tiny models, 20 s per family, embedded data)'),
    el('div', { class: 'row', id: 'compare-settings' },
      el('fieldset', { id: 'compare-families' }, el('legend', {}, 'families'),
        opts.families.map(f => el('label', {}, el('input', { type: 'checkbox', id: 'compare-family-' + f,
          value: f, checked: true }), ' ' + f + ' '))),
      num('compare-seeds', 'seeds per family', L.seeds.min, L.seeds.max, '1'),
      num('compare-budget', 'budget per run (seconds)', L.budget.min, L.budget.max, '300'),
      num('compare-steps', 'steps per run', L.steps.min, L.steps.max, ''),
      select('compare-size', 'models', opts.sizes),
      select('compare-data', 'data', dataNames, dataTexts),
      num('compare-limit', 'images (0 = all)', L.limit.min, L.limit.max, 'all')),
    el('button', { class: 'primary', id: 'compare-start', disabled: !opts.canStart, onclick: startComparison },
      'Start comparison'));
  function showCompare() {
    compareForm.querySelector('#compare-settings').hidden = compareForm.querySelector('#compare-demo').checked;
  }
  showCompare();

  const table = el('table', { id: 'jobs-table' });
  const logBox = el('pre', { id: 'job-log', hidden: true });
  const external = el('div', { id: 'external-runs' });
  root.append(el('div', { class: 'row' }, trainForm, compareForm),
    el('h2', {}, 'Jobs ', el('span', { class: 'muted', id: 'jobs-limits' },
      '(' + opts.maxJobs + ' at a time, at most ' + opts.maxQueued + ' waiting)')),
    table, logBox, external);

  async function submit(body) {
    try {
      const job = await api('/api/jobs/start', { json: body });
      notice('');
      showLog(job.id);
      await refresh();
    } catch (e) {
      notice(e.message);
    }
  }

  function startTraining() {
    const body = { kind: 'train', family: value('job-family'), size: value('job-size'), data: value('job-data') };
    put(body, 'steps', 'job-steps');
    put(body, 'budget', 'job-budget');
    put(body, 'seed', 'job-seed');
    put(body, 'batch', 'job-batch');
    put(body, 'limit', 'job-limit');
    if (body.family === 'gan') body.preset = value('job-preset');
    submit(body);
  }

  function startComparison() {
    if (document.getElementById('compare-demo').checked) {
      submit({ kind: 'compare', demo: true });
      return;
    }
    const families = opts.families.filter(f => document.getElementById('compare-family-' + f).checked);
    const body = { kind: 'compare', families, size: value('compare-size'), data: value('compare-data') };
    put(body, 'seeds', 'compare-seeds');
    put(body, 'budget', 'compare-budget');
    put(body, 'steps', 'compare-steps');
    put(body, 'limit', 'compare-limit');
    submit(body);
  }

  async function act(path, body) {
    try {
      await api(path, { json: body || {} });
      await refresh();
    } catch (e) {
      notice(e.message);
    }
  }

  let logId = null;
  function showLog(id) {
    logId = logId === id ? null : id;
    refreshLog();
  }

  async function refreshLog() {
    logBox.hidden = logId === null;
    if (logId === null) return;
    try {
      const log = await api('/api/jobs/' + encodeURIComponent(logId) + '/log?lines=40');
      logBox.textContent = 'job ' + log.id + ' (' + log.state + '), ' + log.file + '\n\n' + log.lines.join('\n');
    } catch (e) {
      logBox.textContent = e.message;
    }
  }

  function folderLink(j) {
    if (j.run) return Studio.runLink(j.run);
    if (j.comparison) return el('a', { href: '#/compare?id=' + encodeURIComponent(j.comparison) }, j.comparison);
    return '';
  }

  function drawJobs(list) {
    const head = el('tr', {}, ['Job', 'Kind', 'State', 'Command', 'Folder', 'Started', 'Result', '', 'Output']
      .map(h => el('th', {}, h)));
    const rows = list.jobs.map(j => el('tr', { 'data-id': j.id },
      el('td', {}, j.id),
      el('td', {}, j.kind),
      el('td', {}, el('span', { class: 'status ' + j.state, id: 'job-state-' + j.id },
        j.stopping ? 'stopping' : j.state)),
      el('td', { class: 'command', title: 'gen4j ' + j.args.join(' ') }, 'gen4j ' + j.args.join(' ')),
      el('td', {}, folderLink(j)),
      el('td', {}, (j.started || '').replace('T', ' ').replace(/\..*$/, '')),
      el('td', { class: 'message', title: j.message },
        [j.exitCode === null ? '' : 'exit ' + j.exitCode, j.message].filter(x => x).join(': ')),
      el('td', { class: 'actions' },
        (j.state === 'running' || j.state === 'queued') ? el('button', { id: 'job-stop-' + j.id,
          disabled: j.stopping, onclick: () => act('/api/jobs/' + encodeURIComponent(j.id) + '/stop') },
        j.state === 'queued' ? 'Remove' : 'Stop') : '',
        j.resumable ? el('button', { id: 'job-resume-' + j.id, onclick: () => act('/api/jobs/start',
          j.run ? { kind: 'resume', run: j.run } : { kind: 'resume', comparison: j.comparison }) }, 'Resume') : '',
        el('button', { id: 'job-log-' + j.id, onclick: () => showLog(j.id) }, 'Log')),
      el('td', { class: 'command muted', title: j.lastLine }, j.lastLine)));
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, rows.length ? rows
      : el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No jobs yet.'))));
  }

  // runs trained by another process (gen4j train in a terminal): they can be stopped here too
  function drawExternal(runs, list) {
    const ours = new Set(list.jobs.filter(j => j.state === 'running').map(j => j.run));
    const others = runs.filter(r => r.status === 'training' && !ours.has(r.id));
    external.replaceChildren(...(others.length ? [el('h2', {}, 'Training elsewhere'),
      el('table', {}, el('tbody', {}, others.map(r => el('tr', { 'data-id': r.id },
        el('td', {}, Studio.runLink(r.id)), el('td', {}, r.family), el('td', { class: 'num' }, r.step),
        el('td', {}, el('button', { id: 'run-stop-' + r.id, onclick: () =>
          act('/api/run/stop?id=' + encodeURIComponent(r.id)) }, 'Stop'))))))] : []));
  }

  async function refresh() {
    const [list, runs] = await Promise.all([api('/api/jobs'), api('/api/runs')]);
    drawJobs(list);
    drawExternal(runs, list);
    refreshLog();
  }

  await refresh();
  const timer = setInterval(() => refresh().catch(e => notice(e.message)), 1500);
  Studio.onLeave(() => clearInterval(timer));
});
