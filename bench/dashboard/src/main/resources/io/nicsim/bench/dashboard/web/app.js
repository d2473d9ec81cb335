// nicsim dashboard: the run list, a run's charts, live feeds (server-sent events), overlays and the scenario editor.
// Plain JavaScript over the server's JSON API; charts are uPlot's, served by the same server. Text from the server is
// always set as text, never as HTML.
'use strict';
(() => {
  const TOKEN_HEADER = 'X-Nicsim-Token';
  const REFRESH_MILLIS = 2000;
  const VALIDATE_DELAY_MILLIS = 300;
  const COLORS = ['#1a56b3', '#d1495b', '#2e933c', '#e0a100', '#7b4fb5', '#00798c', '#8c564b', '#e377c2'];
  const $ = (id) => document.getElementById(id);

  const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('nicsim-token') || '';
  if (token) {
    sessionStorage.setItem('nicsim-token', token);
    history.replaceState(null, '', location.pathname + location.hash); // the token stays out of the address bar and links
  }

  async function api(path, body) {
    const options = {headers: {}};
    if (token) {
      options.headers[TOKEN_HEADER] = token;
    }
    if (body !== undefined) {
      options.method = 'POST';
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = {};
    try {
      data = await response.json();
    } catch (e) {
      data = {error: response.status + ' ' + response.statusText};
    }
    return {status: response.status, ok: response.ok, data};
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function badge(node, state) {
    node.textContent = state || '';
    node.className = 'badge ' + (state || '');
  }

  const encodePath = (path) => path.split('/').map(encodeURIComponent).join('/');

  function fmtMicros(micros) {
    if (micros === null || micros === undefined || Number.isNaN(micros)) {
      return '';
    }
    if (micros < 1) {
      return Math.round(micros * 1000) + ' ns';
    }
    if (micros < 1000) {
      return Number(micros.toPrecision(3)) + ' µs';
    }
    return Number((micros / 1000).toPrecision(3)) + ' ms';
  }

  const fmtNanos = (nanos) => fmtMicros(nanos / 1000);

  function ninesLabel(nines) {
    if (nines <= 0) {
      return '0%';
    }
    return (100 - 100 / Math.pow(10, nines)).toFixed(Math.max(0, nines - 2)) + '%';
  }

  // ---- charts -------------------------------------------------------------------------------------------------

  function latencyAxis() {
    return {label: 'latency', size: 70, values: (u, splits) => splits.map(fmtMicros)};
  }

  /** Draws (or redraws) a uPlot chart into node; series: [{label}], data: uPlot's aligned columns. */
  function draw(node, series, data, x) {
    if (node.plot) {
      node.plot.destroy();
    }
    node.textContent = '';
    const width = Math.max(320, node.clientWidth || 600);
    const options = {
      width, height: 220,
      scales: {x: Object.assign({time: false}, x.scale || {}), y: {distr: 3, log: 10}},
      axes: [Object.assign({label: x.label}, x.axis || {}), latencyAxis()],
      series: [{label: x.label, value: x.value || ((u, v) => v)}].concat(series.map((s, i) => ({
        label: s.label, stroke: s.color || COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
        value: (u, v) => fmtMicros(v),
      }))),
    };
    node.plot = new uPlot(options, data, node);
    node.dataset.series = String(series.length);
    return node.plot;
  }

  const positive = (v) => (v > 0 ? v : null);

  const NINES = {
    label: 'percentile',
    value: (u, v) => (v === null || v === undefined ? '' : ninesLabel(Math.round(v * 100) / 100)),
    axis: {
      splits: (u, i, min, max) => {
        const splits = [];
        for (let k = Math.max(0, Math.ceil(min)); k <= max; k++) {
          splits.push(k);
        }
        return splits;
      },
      values: (u, splits) => splits.map(ninesLabel),
    },
  };
  const SECONDS = {
    label: 'second',
    value: (u, v) => (v === null || v === undefined ? '' : v + ' s'),
    axis: {incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600]},
  };

  /** Percentile curves of [{label, percentiles: [[nines, µs]]}] on the nines axis. */
  function drawCurves(node, runs) {
    const withData = runs.filter((r) => r.percentiles.length > 0);
    if (withData.length === 0) {
      return showNothing(node, 'no percentile distribution (.hgrm) here');
    }
    const tables = withData.map((r) => [r.percentiles.map((p) => p[0]), r.percentiles.map((p) => positive(p[1]))]);
    const maxNines = Math.max(...tables.map((t) => t[0][t[0].length - 1]));
    return draw(node, withData, uPlot.join(tables),
        Object.assign({scale: {range: [0, Math.max(1, Math.ceil(maxNines))]}}, NINES));
  }

  /** p99 per second of [{label, seconds: [[t, p50, p99, p999]]}]. */
  function drawSeconds(node, runs) {
    const withData = runs.filter((r) => r.seconds.length > 0);
    if (withData.length === 0) {
      return showNothing(node, 'no interval log (.hlog) here');
    }
    const tables = withData.map((r) => [r.seconds.map((s) => s[0]), r.seconds.map((s) => positive(s[2]))]);
    return draw(node, withData, uPlot.join(tables), SECONDS);
  }

  function showNothing(node, text) {
    if (node.plot) {
      node.plot.destroy();
      node.plot = null;
    }
    node.textContent = text;
    node.dataset.series = '0';
    return null;
  }

  // ---- the run list -------------------------------------------------------------------------------------------

  const selected = new Set();
  let runs = [];
  let runsJson = '';
  let openPath = null;

  async function refreshRuns() {
    const answer = await api('/api/runs');
    if (!answer.ok) {
      return;
    }
    const json = JSON.stringify(answer.data.runs);
    if (json === runsJson) {
      return;
    }
    runsJson = json;
    runs = answer.data.runs;
    renderRuns();
  }

  function renderRuns() {
    const body = $('runs').tBodies[0];
    body.textContent = '';
    $('runs-empty').hidden = runs.length > 0;
    for (const run of runs) {
      body.appendChild(runRow(run));
    }
    for (const path of [...selected]) {
      if (!runs.some((r) => r.path === path)) {
        selected.delete(path);
      }
    }
    $('overlay-button').disabled = selected.size < 2;
    const open = runs.find((r) => r.path === openPath);
    if (open) {
      badge($('run-state'), open.state);
      $('run-report').hidden = !open.report;
    }
  }

  function runRow(run) {
    const row = el('tr');
    row.dataset.path = run.path;
    row.classList.toggle('nested', run.path.includes('/'));
    row.classList.toggle('open', run.path === openPath);
    const pick = el('input');
    pick.type = 'checkbox';
    pick.checked = selected.has(run.path);
    pick.title = 'pick for the overlay';
    pick.addEventListener('change', () => {
      if (pick.checked) {
        selected.add(run.path);
      } else {
        selected.delete(run.path);
      }
      $('overlay-button').disabled = selected.size < 2;
    });
    const pickCell = el('td');
    pickCell.appendChild(pick);
    const folder = el('td', null, 'folder');
    const link = el('a', run.path);
    link.addEventListener('click', () => openRun(run.path));
    folder.appendChild(link);
    const headline = el('td');
    for (const h of run.headline || []) {
      headline.appendChild(el('div', h.run + ': ' + fmtNanos(h.p50Nanos) + ' / ' + fmtNanos(h.p99Nanos)));
    }
    if (run.problem) {
      headline.appendChild(el('div', run.problem, 'error-text'));
    }
    const state = el('td');
    const stateBadge = el('span');
    badge(stateBadge, run.state);
    state.appendChild(stateBadge);
    row.append(pickCell, folder, el('td', run.kind), el('td', run.scenario), el('td', run.date),
        el('td', run.policy), headline, state);
    return row;
  }

  // ---- one run: its charts and its live feed -----------------------------------------------------------------------

  let feed = null;
  let live = null;

  async function openRun(path) {
    openPath = path;
    history.replaceState(null, '', '#run=' + encodeURIComponent(path)); // a link to this run, to keep or share
    const run = runs.find((r) => r.path === path) || {path, state: '', report: false, live: false};
    $('run-section').hidden = false;
    $('run-title').textContent = path;
    badge($('run-state'), run.state);
    $('run-report').hidden = !run.report;
    $('run-report').href = '/runs/' + encodePath(path) + '/report.html';
    for (const row of $('runs').tBodies[0].rows) {
      row.classList.toggle('open', row.dataset.path === path);
    }
    follow(run.live ? path : null);
    await drawRun(path);
  }

  async function drawRun(path) {
    const answer = await api('/api/curves?path=' + encodeURIComponent(path));
    if (openPath !== path) {
      return;
    }
    const data = answer.ok ? answer.data.runs : [];
    $('run-charts').hidden = data.length === 0; // a live run's files come at its end; a sweep's are its points'
    drawCurves($('run-curves'), data);
    drawSeconds($('run-seconds'), data);
  }

  function follow(path) {
    if (feed) {
      feed.close();
      feed = null;
    }
    $('live').hidden = !path;
    if (!path) {
      return;
    }
    feed = new EventSource('/api/live?path=' + encodeURIComponent(path));
    feed.addEventListener('open', () => { // each connection (a reconnection too) replays the feed from its start
      live = {x: [], p50: [], p99: [], p999: []};
      $('live-figures').tBodies[0].textContent = '';
      $('points').tBodies[0].textContent = '';
      drawLive();
    });
    feed.addEventListener('line', (message) => onLine(path, JSON.parse(message.data)));
    feed.addEventListener('state', (message) => onState(path, JSON.parse(message.data).state));
  }

  function onLine(path, event) {
    if (path !== openPath) {
      return;
    }
    if (event.type === 'second') {
      live.x.push(live.x.length + 1);
      live.p50.push(positive(event.p50Nanos / 1000));
      live.p99.push(positive(event.p99Nanos / 1000));
      live.p999.push(positive(event.p999Nanos / 1000));
      drawLive();
      showSecond(event);
    } else if (event.type === 'point') {
      const row = el('tr');
      const headline = Object.entries(event.headline || {}).map(([k, v]) => k + ' ' + v).join(', ');
      row.append(el('td', event.index + ' / ' + event.count), el('td', event.label), el('td', event.folder),
          el('td', headline));
      $('points').tBodies[0].appendChild(row);
    }
  }

  function onState(path, state) {
    if (path !== openPath) {
      return;
    }
    badge($('run-state'), state);
    if (state !== 'live' && state !== 'starting') {
      feed.close(); // ended or cut short: nothing more will come
      refreshRuns();
      drawRun(path);
    }
  }

  function drawLive() {
    const node = $('live-chart');
    const data = [live.x, live.p50, live.p99, live.p999];
    if (node.plot && node.liveOf === live) {
      node.plot.setData(data);
    } else {
      draw(node, [{label: 'p50'}, {label: 'p99'}, {label: 'p99.9'}], data, SECONDS);
      node.liveOf = live;
    }
    node.dataset.points = String(live.x.length);
  }

  function showSecond(s) {
    const body = $('live-figures').tBodies[0];
    body.textContent = '';
    const row = el('tr');
    row.append(el('td', (s.point ? s.point + ' ' : '') + s.run), el('td', s.second + (s.warmup ? ' (warm-up)' : '')),
        el('td', s.packets), el('td', fmtNanos(s.p50Nanos)), el('td', fmtNanos(s.p99Nanos)),
        el('td', fmtNanos(s.p999Nanos)), el('td', s.interruptsPerSecond), el('td', s.drops),
        el('td', s.consumerCpu === undefined ? 'not measured' : s.consumerCpu.toFixed(2) + ' cores'),
        el('td', s.jitterP99Nanos === undefined ? 'not measured' : fmtNanos(s.jitterP99Nanos)));
    body.appendChild(row);
  }

  // ---- overlay ------------------------------------------------------------------------------------------------

  async function overlay() {
    const paths = [...selected];
    const answers = await Promise.all(paths.map((p) => api('/api/curves?path=' + encodeURIComponent(p))));
    const series = [];
    answers.forEach((answer, i) => {
      for (const run of answer.ok ? answer.data.runs : []) {
        series.push(Object.assign({}, run, {label: paths[i] + ' · ' + run.label}));
      }
    });
    $('overlay-section').hidden = false;
    drawCurves($('overlay-curves'), series);
    drawSeconds($('overlay-seconds'), series);
  }

  // ---- the scenario editor and runs started from the page ------------------------------------------------------------

  const editor = {picked: null, original: null, editedAs: null, timer: null, checks: 0};

  function edited() {
    return editor.picked === null || $('editor').value !== editor.original;
  }

  function showFile(shownAs) {
    const name = edited() ? (shownAs || editor.editedAs || 'a new scenario') : editor.picked;
    $('editor-file').textContent = edited() && editor.picked
        ? 'edited: runs as ' + name + ' (a copy of ' + editor.picked + ')' : name;
  }

  function renderGutter(errorLine) {
    const gutter = $('gutter');
    gutter.textContent = '';
    const lines = $('editor').value.split('\n').length;
    for (let i = 1; i <= lines; i++) {
      const line = el('div', i);
      line.dataset.line = String(i);
      if (i === errorLine) {
        line.classList.add('error');
      }
      gutter.appendChild(line);
    }
    gutter.scrollTop = $('editor').scrollTop;
  }

  function editorBody() {
    return {file: editor.picked, text: $('editor').value, edited: edited()};
  }

  async function validate() {
    const asked = ++editor.checks;
    const answer = await api('/api/validate', editorBody());
    if (asked !== editor.checks) {
      return; // a later check was asked for: this answer is about an older text
    }
    const box = $('validation');
    if (answer.status === 403) {
      box.textContent = answer.data.error;
      box.className = 'error-text';
      renderGutter(null);
      return;
    }
    const verdict = answer.data;
    box.textContent = verdict.ok ? verdict.message : (verdict.message || verdict.error);
    box.className = verdict.ok ? 'ok-text' : 'error-text';
    box.dataset.line = verdict.line ? String(verdict.line) : '';
    renderGutter(verdict.line || null);
    showFile(verdict.file);
  }

  function scheduleValidate() {
    clearTimeout(editor.timer);
    renderGutter(null);
    showFile();
    editor.timer = setTimeout(validate, VALIDATE_DELAY_MILLIS);
  }

  async function pick(file) {
    if (!file) {
      editor.picked = null;
      editor.original = null;
      editor.editedAs = null;
      $('editor').value = '';
    } else {
      const answer = await api('/api/scenario?file=' + encodeURIComponent(file));
      if (!answer.ok) {
        $('validation').textContent = answer.data.error;
        return;
      }
      editor.picked = file;
      editor.original = answer.data.text;
      editor.editedAs = answer.data.editedAs;
      $('editor').value = answer.data.text;
    }
    scheduleValidate();
  }

  async function loadScenarios() {
    const answer = await api('/api/scenarios');
    for (const file of answer.ok ? answer.data.files : []) {
      const option = el('option', file);
      option.value = file;
      $('scenario-pick').appendChild(option);
    }
  }

  async function startRun() {
    const message = $('start-message');
    message.textContent = 'starting...';
    message.className = '';
    const answer = await api('/api/start', editorBody());
    if (answer.ok) {
      message.textContent = 'started: nicsim ' + answer.data.args.join(' ');
      message.className = 'ok-text';
      refreshStarted();
    } else {
      message.textContent = (answer.status === 403 ? '' : answer.status + ': ') + answer.data.error;
      message.className = 'error-text';
    }
  }

  async function refreshStarted() {
    const answer = await api('/api/started');
    const body = $('started').tBodies[0];
    body.textContent = '';
    for (const run of answer.ok ? answer.data.started : []) {
      const row = el('tr');
      row.dataset.id = run.id;
      const stop = el('button', 'Stop');
      stop.type = 'button';
      stop.disabled = run.exitCode !== undefined;
      stop.addEventListener('click', async () => {
        const stopped = await api('/api/stop', {id: run.id});
        $('start-message').textContent = stopped.ok ? 'stopping run ' + run.id : stopped.data.error;
        refreshStarted();
      });
      const stopCell = el('td');
      stopCell.appendChild(stop);
      row.append(el('td', run.id), el('td', run.folder),
          el('td', run.exitCode === undefined ? 'running' : 'exited ' + run.exitCode), el('td', run.lastLine),
          stopCell);
      body.appendChild(row);
    }
  }

  async function checkAccess() {
    const access = $('access');
    if (!token) {
      access.textContent = 'no token: read-only (open the URL nicsim serve printed to start runs)';
      access.className = 'badge refused';
      return;
    }
    const answer = await api('/api/access');
    access.textContent = answer.ok ? 'token accepted' : answer.data.error;
    access.className = 'badge ' + (answer.ok ? 'ok' : 'refused');
  }

  function every(millis, work) {
    const run = () => work().catch(() => {}).finally(() => setTimeout(run, millis));
    run();
  }

  $('overlay-button').addEventListener('click', overlay);
  $('scenario-pick').addEventListener('change', (e) => pick(e.target.value));
  $('editor').addEventListener('input', scheduleValidate);
  $('editor').addEventListener('scroll', () => { $('gutter').scrollTop = $('editor').scrollTop; });
  $('run-button').addEventListener('click', startRun);
  renderGutter(null);
  showFile();
  checkAccess();
  loadScenarios();
  const linked = new URLSearchParams(location.hash.slice(1)).get('run');
  refreshRuns().finally(() => {
    every(REFRESH_MILLIS, refreshRuns);
    if (linked) {
      openRun(linked);
    }
  });
  every(REFRESH_MILLIS, refreshStarted);
})();
