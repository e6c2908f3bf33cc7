// Comparisons: every compare-* folder under --runs; one comparison's jobs (which one runs, which are done),
// followed while it runs, its runs opened side by side, and its report shown inside the studio.
'use strict';
Studio.page('compare', async (root, params) => {
  const { el, api, notice, fmt } = Studio;
  const id = params.get('id');
  const seconds = (s) => s > 0 ? fmt(s, 0) + ' s' : '';
  const badge = (state, elId) => el('span', { class: 'status ' + state, id: elId }, state);
  let timer = null;
  Studio.onLeave(() => clearInterval(timer));

  if (!id) {
    const table = el('table', { id: 'compare-list' });
    root.append(el('h1', {}, 'Comparisons'), el('p', { class: 'muted' },
      'Start one on the ', el('a', { href: '#/jobs' }, 'Train'), ' page, or with gen4j compare.'), table);
    const draw = (list) => {
      const head = el('tr', {}, ['Comparison', 'State', 'Families', 'Budget', 'Jobs done', 'Running', 'Report']
        .map(h => el('th', {}, h)));
      const rows = list.map(c => el('tr', { 'data-id': c.id },
        el('td', {}, el('a', { href: '#/compare?id=' + encodeURIComponent(c.id) }, c.id)),
        el('td', {}, badge(c.state)),
        el('td', {}, (c.families || []).join(', ') + (c.models === 'tiny' ? ' (tiny)' : '')),
        el('td', {}, c.budgetSeconds > 0 ? seconds(c.budgetSeconds) : c.steps + ' steps'),
        el('td', { class: 'num' }, c.done + ' / ' + c.jobCount),
        el('td', {}, c.running.join(', ')),
        el('td', {}, c.report ? el('a', { href: '#/compare?id=' + encodeURIComponent(c.id) + '&report=1' }, 'report')
          : '')));
      table.replaceChildren(el('thead', {}, head), el('tbody', {}, rows.length ? rows
        : el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No comparison folders under --runs yet.'))));
    };
    const refresh = async () => draw(await api('/api/comparisons'));
    await refresh();
    timer = setInterval(() => refresh().catch(e => notice(e.message)), 3000);
    return;
  }

  const files = '/api/comparison/' + encodeURIComponent(id) + '/files/';
  const head = el('div', { id: 'compare-head' });
  const progress = el('progress', { id: 'compare-progress', max: 1, value: 0 });
  const jobs = el('table', { id: 'compare-jobs' });
  const actions = el('div', { class: 'toolbar', id: 'compare-actions' });
  const reportBox = el('div', { id: 'compare-report-box' });
  root.append(el('h1', {}, el('a', { href: '#/compare' }, 'Comparisons'), ' / ', id), head,
    el('div', { class: 'toolbar' }, progress, el('span', { id: 'compare-progress-text', class: 'muted' })),
    actions, jobs, reportBox);
  let reportShown = false;

  function holder(h) {
    return h ? h.host + ' pid ' + h.pid + ', heartbeat ' + (h.heartbeat || '').replace('T', ' ').replace(/\..*$/, '') : '';
  }

  function draw(c) {
    head.replaceChildren(el('p', {}, badge(c.state, 'compare-state'), ' ',
      (c.families || []).join(', '), ' \u00b7 seeds per family: ',
      Object.entries(c.seeds || {}).map(([f, n]) => f + ' ' + n).join(', '), ' \u00b7 ',
      c.budgetSeconds > 0 ? seconds(c.budgetSeconds) + ' per run' : c.steps + ' steps per run',
      c.models ? ' \u00b7 ' + c.models + ' models' : '', c.created ? ' \u00b7 planned ' + c.created.replace('T', ' ')
        .replace(/\..*$/, '') : ''));
    progress.max = Math.max(1, c.jobCount);
    progress.value = c.done;
    document.getElementById('compare-progress-text').textContent = c.done + ' of ' + c.jobCount + ' jobs done'
      + (c.running.length ? ', running: ' + c.running.join(', ') : '');
    const runIds = c.jobs.filter(j => j.run).map(j => j.run);
    actions.replaceChildren(
      runIds.length ? el('a', { id: 'compare-open-runs', href: '#/run?' + runIds.map(r => 'id=' + encodeURIComponent(r))
        .join('&') }, 'Open the runs side by side') : '',
      c.state === 'incomplete' ? el('button', { id: 'compare-resume', onclick: resume }, 'Resume the comparison') : '',
      c.report ? el('a', { id: 'compare-report-open', href: files + 'report.html', target: '_blank', rel: 'noopener' },
        'Open the report in a new tab') : '');
    const headRow = el('tr', {}, ['Job', 'State', 'Held by', 'Run', 'Run status', 'Steps', 'Result']
      .map(h => el('th', {}, h)));
    jobs.replaceChildren(el('thead', {}, headRow), el('tbody', {}, c.jobs.map(j => el('tr', { 'data-id': j.name },
      el('td', {}, j.name),
      el('td', {}, badge(j.state, 'compare-job-' + j.name)),
      el('td', {}, holder(j.holder)),
      el('td', {}, j.run ? Studio.runLink(j.run, 'open') : ''),
      el('td', {}, j.runStatus ? badge(j.runStatus) : ''),
      el('td', { class: 'num' }, j.run ? fmt(j.step, 0) + (j.targetSteps > 0 ? ' / ' + fmt(j.targetSteps, 0) : '') : ''),
      el('td', { title: j.resultMessage || '' }, j.result ? j.result + (j.resultMessage ? ': ' + j.resultMessage : '')
        : '')))));
    if (c.report && !reportShown) {
      reportShown = true;
      // sandboxed: the report's scripts (it has none) could not run; same origin so its images load
      reportBox.replaceChildren(el('h2', {}, 'Report'), el('iframe', { id: 'compare-report', class: 'report',
        sandbox: 'allow-same-origin', src: files + 'report.html', title: 'comparison report' }));
      if (params.get('report')) reportBox.scrollIntoView();
    }
  }

  async function resume() {
    try {
      await api('/api/jobs/start', { json: { kind: 'resume', comparison: id } });
      notice('');
      location.hash = '#/jobs';
    } catch (e) {
      notice(e.message);
    }
  }

  let last = await api('/api/comparison?id=' + encodeURIComponent(id));
  draw(last);
  timer = setInterval(async () => {
    try {
      last = await api('/api/comparison?id=' + encodeURIComponent(id));
      draw(last);
    } catch (e) {
      notice(e.message);
    }
  }, 2000);
});
