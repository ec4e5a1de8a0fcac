// maskface web page: plain browser JavaScript, no build step and nothing fetched from elsewhere.
// It talks to the REST API documented at /openapi.json.
'use strict';

(() => {
  const KEY_STORAGE = 'maskface.apiKey';
  const TOP = 3;

  const $ = (id) => document.getElementById(id);
  const el = {
    key: $('api-key'), keyToggle: $('key-toggle'), status: $('status'),
    file: $('file-input'), cameraStart: $('camera-start'), camera: $('camera'), video: $('camera-video'),
    snap: $('camera-snap'), cameraStop: $('camera-stop'), samples: $('samples'),
    drop: $('drop-zone'), dropEmpty: $('drop-empty'), stage: $('stage'), photo: $('photo'),
    landmarks: $('landmarks'), boxes: $('boxes'), photoName: $('photo-name'),
    recognize: $('recognize-btn'), enrollForm: $('enroll-form'), enrollName: $('enroll-name'), enroll: $('enroll-btn'),
    keyForm: $('key-form'), resultsMeta: $('results-meta'), results: $('results'),
    subjects: $('subjects'), subjectsEmpty: $('subjects-empty'), subjectsRefresh: $('subjects-refresh'),
    galleryMeta: $('gallery-meta'), serverInfo: $('server-info'), cardTemplate: $('face-card'),
  };

  const state = {
    busy: 0,          // requests in flight; buttons stay disabled while > 0
    photo: null,      // {blob, name, url} of the photo that Recognize / Enroll send
    stream: null,     // the webcam's MediaStream while the camera is open
    subjectsKey: null, // the key the people list was last loaded with
  };

  // ---- API key ------------------------------------------------------------------------------

  // `maskface serve` prints http://host:port/#key=KEY. Take the key from the fragment once, keep it
  // for this tab only, and drop it from the address bar so it is not bookmarked or shared.
  function initKey() {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const fromUrl = fragment.get('key');
    if (fromUrl) {
      sessionStorage.setItem(KEY_STORAGE, fromUrl);
      fragment.delete('key');
      const rest = fragment.toString();
      history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    }
    el.key.value = sessionStorage.getItem(KEY_STORAGE) || '';
    el.key.addEventListener('input', () => sessionStorage.setItem(KEY_STORAGE, el.key.value.trim()));
    // Enter in the key field reloads the list. Not on every blur: that would disable the buttons
    // (a request runs) in the middle of the click that moved the focus, and swallow the click.
    el.keyForm.addEventListener('submit', (e) => {
      e.preventDefault();
      loadSubjects();
    });
    el.keyToggle.addEventListener('click', () => {
      const show = el.key.type === 'password';
      el.key.type = show ? 'text' : 'password';
      el.keyToggle.textContent = show ? 'Hide' : 'Show';
      el.keyToggle.setAttribute('aria-pressed', String(show));
    });
  }

  const apiKey = () => el.key.value.trim();

  // ---- status messages ------------------------------------------------------------------------

  function showStatus(kind, text, code) {
    el.status.hidden = false;
    el.status.dataset.kind = kind;
    el.status.textContent = '';
    if (code) {
      const c = document.createElement('code');
      c.className = 'status-code';
      c.textContent = code;
      el.status.append(c, ' ');
    }
    el.status.append(text);
  }

  function clearStatus() {
    el.status.hidden = true;
    el.status.textContent = '';
  }

  /** An error answer of the API ({error: {code, message, status}}) or a network failure. */
  class ApiError extends Error {
    constructor(message, code, status) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  function showError(err) {
    if (err instanceof ApiError) {
      let text = err.message.replace(/\.$/, ''); // a hint may follow
      if (err.status === 401) {
        // the server says what is wrong with the key; add what the user can do about it
        text += '. Check the API key field: maskface serve prints it in the page address (#key=…).';
      } else if (err.code === 'no_face') {
        text += '. Try a photo where the face is in view and not too small.';
      } else if (err.status === 429 || err.code === 'timeout') {
        text += '. The server is busy; try again in a moment.';
      }
      showStatus('error', text, err.code + (err.status ? ' · ' + err.status : ''));
    } else {
      showStatus('error', String(err && err.message ? err.message : err), 'error');
    }
  }

  // ---- requests ---------------------------------------------------------------------------------

  /** Calls the API; resolves to the JSON answer, rejects with an ApiError carrying the server's message. */
  async function api(method, path, { body, key = true } = {}) {
    const headers = {};
    if (key) {
      if (!apiKey()) {
        el.key.focus();
        throw new ApiError('Enter the API key first (maskface serve prints it)', 'missing_api_key', 0);
      }
      headers['X-API-Key'] = apiKey();
    }
    let res;
    try {
      res = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (e) {
      throw new ApiError('Could not reach the maskface server (' + (e.message || e) + '). Is it still running?',
        'network_error', 0);
    }
    let data = null;
    const text = await res.text();
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!res.ok) {
      if (data && data.error) {
        throw new ApiError(data.error.message, data.error.code, data.error.status || res.status);
      }
      throw new ApiError(`HTTP ${res.status} ${res.statusText}`.trim(), 'http_' + res.status, res.status);
    }
    if (data === null) {
      throw new ApiError('The server sent an answer that is not JSON', 'bad_answer', res.status);
    }
    return data;
  }

  /** Runs one user action: buttons are disabled until it ends, and its error lands in the status area. */
  async function run(action) {
    state.busy++;
    updateControls();
    document.body.setAttribute('aria-busy', 'true');
    try {
      return await action();
    } catch (e) {
      showError(e);
      return undefined;
    } finally {
      state.busy--;
      if (state.busy === 0) {
        document.body.removeAttribute('aria-busy');
      }
      updateControls();
    }
  }

  function updateControls() {
    const busy = state.busy > 0;
    el.recognize.disabled = busy || !state.photo;
    el.enroll.disabled = busy || !state.photo || !el.enrollName.value.trim();
    el.cameraStart.disabled = busy;
    el.snap.disabled = busy || !state.stream;
    el.file.disabled = busy;
    el.subjectsRefresh.disabled = busy;
    for (const b of document.querySelectorAll('.samples button, .subjects button')) {
      b.disabled = busy;
    }
  }

  function photoForm() {
    const form = new FormData();
    form.append('image', state.photo.blob, state.photo.name);
    return form;
  }

  // ---- choosing a photo -----------------------------------------------------------------------

  function setPhoto(blob, name) {
    if (state.photo) {
      URL.revokeObjectURL(state.photo.url);
    }
    state.photo = { blob, name, url: URL.createObjectURL(blob) };
    clearResults();
    el.photo.src = state.photo.url;
    el.photo.dataset.name = name;
    el.stage.hidden = false;
    el.dropEmpty.hidden = true;
    el.photoName.textContent = name;
    for (const b of el.samples.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.name === name));
    }
    updateControls();
  }

  // Small photos (the samples are 150 px) are scaled up so boxes and labels stay readable; the
  // frame gets the image's displayed size, so the boxes' percentages line up with the image.
  function fitPhoto() {
    const w = el.photo.naturalWidth;
    const h = el.photo.naturalHeight;
    if (!w || !h || el.stage.hidden) {
      return;
    }
    const maxW = el.drop.clientWidth - 16;
    const maxH = Math.max(200, Math.min(380, window.innerHeight * 0.42));
    const scale = Math.min(maxW / w, maxH / h, 3);
    el.stage.style.width = Math.round(w * scale) + 'px';
    el.stage.style.height = Math.round(h * scale) + 'px';
  }

  function chooseFile(file) {
    if (!file) {
      return;
    }
    if (file.type && !file.type.startsWith('image/')) {
      showStatus('error', `“${file.name}” is not an image (${file.type}); choose a JPEG or PNG photo.`, 'not_an_image');
      return;
    }
    clearStatus();
    setPhoto(file, file.name || 'photo');
  }

  function initFileInput() {
    el.file.addEventListener('change', () => {
      chooseFile(el.file.files[0]);
      el.file.value = ''; // choosing the same file again must fire change again
    });
    // drag and drop anywhere on the photo frame
    el.drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      el.drop.classList.add('dragging');
    });
    el.drop.addEventListener('dragleave', () => el.drop.classList.remove('dragging'));
    el.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      el.drop.classList.remove('dragging');
      chooseFile(e.dataTransfer.files[0]);
    });
    el.photo.addEventListener('load', fitPhoto);
    new ResizeObserver(fitPhoto).observe(el.drop);
    window.addEventListener('resize', fitPhoto);
  }

  async function loadSamples() {
    try {
      const data = await api('GET', '/samples', { key: false });
      el.samples.textContent = '';
      for (const s of data.samples) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'sample';
        b.dataset.testid = 'sample';
        b.dataset.name = s.name;
        b.setAttribute('aria-pressed', 'false');
        b.title = s.name;
        const img = document.createElement('img');
        img.src = s.url;
        img.alt = '';
        img.loading = 'lazy';
        const caption = document.createElement('span');
        const label = sampleLabel(s.name);
        caption.textContent = label.who;
        if (label.mask) {
          const small = document.createElement('small');
          small.textContent = label.mask;
          caption.append(small);
        }
        b.append(img, caption);
        b.addEventListener('click', () => run(async () => {
          const res = await fetch(s.url).catch((e) => {
            throw new ApiError('Could not load the sample (' + e.message + ')', 'network_error', 0);
          });
          if (!res.ok) {
            throw new ApiError(`Could not load the sample ${s.name} (HTTP ${res.status})`, 'not_found', res.status);
          }
          clearStatus();
          setPhoto(await res.blob(), s.name);
        }));
        li.append(b);
        el.samples.append(li);
      }
      if (data.samples.length === 0) {
        el.samples.innerHTML = '<li class="muted">No samples on this server.</li>';
      }
      el.samples.setAttribute('aria-busy', 'false');
      el.samples.dataset.loaded = 'true';
      updateControls();
    } catch (e) {
      el.samples.innerHTML = '<li class="muted">Samples unavailable.</li>';
      showError(e);
    }
  }

  /** "lfw_colin_powell_0133_simple.png" → Colin Powell, simple mask: the demo names say who and which mask. */
  function sampleLabel(file) {
    const m = /^lfw_([a-z_]+?)_\d{4}(?:_([a-z]+))?\.\w+$/.exec(file);
    if (!m) {
      return { who: file.replace(/\.\w+$/, ''), mask: '' };
    }
    const who = m[1].split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(' ');
    // the synthetic occlusion categories: simple, complex, body (a hand or arm over the face), hybrid
    return { who, mask: m[2] ? (m[2] === 'body' ? 'body-part cover' : `${m[2]} mask`) : '' };
  }

  // ---- webcam -------------------------------------------------------------------------------------

  function initCamera() {
    el.cameraStart.addEventListener('click', openCamera);
    el.cameraStop.addEventListener('click', closeCamera);
    el.snap.addEventListener('click', takeSnapshot);
  }

  async function openCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      // browsers only offer the camera to https pages and to localhost
      showStatus('error', 'This browser offers no camera here: open the page over https or on localhost (127.0.0.1).',
        'camera_unavailable');
      return;
    }
    if (state.stream) {
      return;
    }
    try {
      state.stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (e) {
      showStatus('error', 'Could not open the camera: ' + (e.message || e.name || e), 'camera_' + (e.name || 'error'));
      return;
    }
    clearStatus();
    el.video.srcObject = state.stream;
    el.camera.hidden = false;
    updateControls();
  }

  function closeCamera() {
    if (state.stream) {
      state.stream.getTracks().forEach((t) => t.stop());
    }
    state.stream = null;
    el.video.srcObject = null;
    el.camera.hidden = true;
    updateControls();
  }

  async function takeSnapshot() {
    const v = el.video;
    if (!v.videoWidth) {
      showStatus('error', 'The camera has not delivered a picture yet; try again in a second.', 'camera_not_ready');
      return;
    }
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d').drawImage(v, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) {
      showStatus('error', 'Could not encode the snapshot', 'camera_error');
      return;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    closeCamera();
    clearStatus();
    setPhoto(blob, `webcam-${stamp}.jpg`);
  }

  // ---- recognise ----------------------------------------------------------------------------------

  function clearResults() {
    el.boxes.textContent = '';
    el.landmarks.textContent = '';
    el.results.textContent = '';
    el.resultsMeta.textContent = 'Recognise a photo to see who is in it.';
    delete el.results.dataset.state;
  }

  const fmt = (x) => (typeof x === 'number' ? x.toFixed(3) : '–');

  async function recognize() {
    await run(async () => {
      const sent = state.photo;
      el.results.dataset.state = 'loading';
      el.resultsMeta.textContent = 'Recognising…';
      const r = await api('POST', `/v1/recognize?top=${TOP}&images=true`, { body: photoForm() });
      if (state.photo !== sent) {
        return; // another photo was chosen meanwhile: these results are not about it
      }
      clearResults();
      showResults(r);
      if (state.subjectsKey !== apiKey()) {
        await refreshSubjects(); // the key was fixed since the list last loaded
      }
      showStatus('ok', `Found ${r.faces.length} face${r.faces.length === 1 ? '' : 's'} in ${r.tookMs} ms.`);
    }).finally(() => {
      if (el.results.dataset.state === 'loading') {
        clearResults();
      }
    });
  }

  function showResults(r) {
    el.results.dataset.state = 'done';
    el.resultsMeta.textContent = '';
    const meta = [
      ['Method', r.method], ['Model', r.model], ['Threshold', fmt(r.threshold)], ['Took', r.tookMs + ' ms'],
    ];
    for (const [k, v] of meta) {
      const span = document.createElement('span');
      span.className = 'meta-item';
      span.dataset.testid = k === 'Took' ? 'took-ms' : 'meta-' + k.toLowerCase();
      span.innerHTML = '<b></b> ';
      span.firstChild.textContent = k;
      span.append(String(v));
      el.resultsMeta.append(span);
    }
    drawLandmarks(r);
    r.faces.forEach((f, i) => {
      drawBox(r, f, i);
      el.results.append(faceCard(r, f, i));
    });
  }

  function faceLabel(f) {
    if (f.identity) {
      return { name: f.identity.subject, sim: f.identity.similarity, known: true };
    }
    const best = f.matches && f.matches[0];
    return { name: 'unknown', sim: best ? best.similarity : null, guess: best ? best.subject : null, known: false };
  }

  // Boxes are positioned in % of the image, so they follow the displayed size without redrawing.
  function drawBox(r, f, i) {
    const W = r.image.width;
    const H = r.image.height;
    const l = faceLabel(f);
    const box = document.createElement('div');
    box.className = 'face-box ' + (l.known ? 'known' : 'unknown') + (f.box.y < 0.1 * H ? ' label-inside' : '');
    box.dataset.testid = 'face-box';
    box.style.left = (100 * f.box.x / W) + '%';
    box.style.top = (100 * f.box.y / H) + '%';
    box.style.width = (100 * f.box.width / W) + '%';
    box.style.height = (100 * f.box.height / H) + '%';
    const tag = document.createElement('span');
    tag.className = 'face-tag';
    tag.dataset.testid = 'face-tag';
    tag.textContent = `${i + 1}. ${l.name}` + (l.known ? ` ${fmt(l.sim)}` : l.guess ? ` (${l.guess}? ${fmt(l.sim)})` : '');
    box.append(tag);
    box.title = tag.textContent;
    el.boxes.append(box);
  }

  function drawLandmarks(r) {
    const ns = 'http://www.w3.org/2000/svg';
    el.landmarks.setAttribute('viewBox', `0 0 ${r.image.width} ${r.image.height}`);
    const radius = Math.max(r.image.width, r.image.height) / 200;
    for (const f of r.faces) {
      for (const [x, y] of f.landmarks68 || []) {
        const c = document.createElementNS(ns, 'circle');
        c.setAttribute('cx', x);
        c.setAttribute('cy', y);
        c.setAttribute('r', radius);
        el.landmarks.append(c);
      }
    }
  }

  function faceCard(r, f, i) {
    const card = el.cardTemplate.content.firstElementChild.cloneNode(true);
    const l = faceLabel(f);
    const q = (sel) => card.querySelector(sel);
    card.classList.add(l.known ? 'known' : 'unknown');
    q('.face-no').textContent = String(i + 1);
    q('.face-name').textContent = l.known ? l.name : 'Unknown person';
    q('.face-similarity').textContent = l.known
      ? `similarity ${fmt(l.sim)}`
      : l.guess ? `best guess ${l.guess}, ${fmt(l.sim)} (below ${fmt(r.threshold)})` : 'nobody enrolled to compare with';
    const aligned = q('.aligned');
    if (f.aligned) {
      aligned.src = f.aligned;
      aligned.alt = `Face ${i + 1} aligned to 112×112`;
    } else {
      aligned.closest('figure').hidden = true;
    }
    const deocc = q('.deoccluded');
    if (f.deoccluded) {
      deocc.src = f.deoccluded;
      deocc.alt = `Face ${i + 1} with the mask painted over`;
    } else {
      // this method paints nothing over masks: show the server's explanation where the image would be
      deocc.closest('figure').hidden = true;
      const note = q('.deocclusion-note');
      note.textContent = 'No de-occluded face: ' + (r.deocclusion || 'the method returned none') + '.';
      note.hidden = false;
    }
    const masked = q('.masked');
    if (typeof f.occlusion === 'number') {
      masked.textContent = `${f.masked ? 'yes' : 'no'} (${Math.round(f.occlusion * 100)}% of the face covered)`;
    } else {
      masked.textContent = 'not measured';
    }
    q('.found-by').textContent = `${f.foundBy || '–'}, score ${fmt(f.score)}`;
    const list = q('.matches');
    for (const m of f.matches || []) {
      list.append(matchRow(m, r.threshold, l.known && m.faceId === f.identity.faceId));
    }
    if (!f.matches || f.matches.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'The gallery is empty: enrol someone first.';
      list.append(li);
    }
    return card;
  }

  // A bar per match, from similarity 0 to 1, with a tick at the method's threshold: above it is a match.
  function matchRow(m, threshold, chosen) {
    const li = document.createElement('li');
    li.className = 'match' + (chosen ? ' chosen' : '') + (m.similarity >= threshold ? ' above' : '');
    li.dataset.testid = 'match';
    const name = document.createElement('span');
    name.className = 'match-name';
    name.textContent = m.subject;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('role', 'meter');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '1');
    bar.setAttribute('aria-valuenow', String(m.similarity));
    bar.setAttribute('aria-label', `similarity to ${m.subject}`);
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.width = (100 * Math.max(0, Math.min(1, m.similarity))) + '%';
    const tick = document.createElement('span');
    tick.className = 'tick';
    tick.style.left = (100 * Math.max(0, Math.min(1, threshold))) + '%';
    tick.title = `threshold ${fmt(threshold)}`;
    bar.append(fill, tick);
    const value = document.createElement('span');
    value.className = 'match-sim';
    value.textContent = fmt(m.similarity);
    li.append(name, bar, value);
    return li;
  }

  // ---- enrol, subjects, forget ----------------------------------------------------------------------

  async function enroll(e) {
    e.preventDefault();
    const name = el.enrollName.value.trim();
    if (!name || !state.photo) {
      return;
    }
    await run(async () => {
      const source = state.photo.name;
      const r = await api('POST', `/v1/subjects/${encodeURIComponent(name)}/faces`, { body: photoForm() });
      const face = r.enrolled[0] || {};
      const masked = typeof face.occlusion === 'number'
        ? `; ${face.masked ? 'masked' : 'no mask'}, ${Math.round(face.occlusion * 100)}% covered` : '';
      showStatus('ok', `Enrolled ${r.subject} from ${source}: ${r.faces} face${r.faces === 1 ? '' : 's'} in the gallery now${masked}.`);
      el.enrollName.value = '';
      await refreshSubjects();
    });
  }

  async function refreshSubjects() {
    const data = await api('GET', '/v1/subjects');
    el.subjects.textContent = '';
    for (const s of data.subjects) {
      const li = document.createElement('li');
      li.className = 'subject';
      li.dataset.testid = 'subject';
      li.dataset.subject = s.name;
      const name = document.createElement('span');
      name.className = 'subject-name';
      name.textContent = s.name;
      const count = document.createElement('span');
      count.className = 'subject-faces muted';
      count.dataset.testid = 'subject-faces';
      count.textContent = `${s.faces} face${s.faces === 1 ? '' : 's'}`;
      const forget = document.createElement('button');
      forget.type = 'button';
      forget.className = 'danger small';
      forget.dataset.testid = 'forget';
      forget.textContent = 'Forget';
      forget.setAttribute('aria-label', `Forget ${s.name}`);
      forget.addEventListener('click', () => forgetSubject(s));
      li.append(name, count, forget);
      el.subjects.append(li);
    }
    el.subjectsEmpty.hidden = data.subjects.length > 0;
    const g = data.gallery || {};
    const people = g.subjects ?? data.subjects.length;
    el.galleryMeta.textContent = `${people} ${people === 1 ? 'person' : 'people'}, ${g.faces ?? '?'} face${g.faces === 1 ? '' : 's'}`
      + (g.method ? ` · method ${g.method}` : '') + (g.model ? ` (${g.model})` : '');
    el.subjects.dataset.loaded = 'true';
    state.subjectsKey = apiKey();
    updateControls();
  }

  function loadSubjects() {
    if (!apiKey()) {
      showStatus('info', 'Enter the API key (maskface serve prints it, in the page address after #key=) to use the gallery.');
      return Promise.resolve();
    }
    return run(async () => {
      await refreshSubjects();
      // a good key ends an earlier key complaint
      if (el.status.dataset.kind === 'error' && /api_key/.test(el.status.textContent)) {
        clearStatus();
      }
    });
  }

  async function forgetSubject(s) {
    if (!confirm(`Forget ${s.name} and their ${s.faces} enrolled face${s.faces === 1 ? '' : 's'}? This cannot be undone.`)) {
      return;
    }
    await run(async () => {
      const r = await api('DELETE', `/v1/subjects/${encodeURIComponent(s.name)}`);
      showStatus('ok', `Forgot ${r.subject} (${r.removed} face${r.removed === 1 ? '' : 's'} removed).`);
      await refreshSubjects();
    });
  }

  async function loadServerInfo() {
    try {
      const h = await api('GET', '/health', { key: false });
      el.serverInfo.textContent = `maskface ${h.version} · method ${h.method} · model ${h.model} · ${h.workers} worker${h.workers === 1 ? '' : 's'}`;
    } catch (e) {
      el.serverInfo.textContent = 'server not reachable';
    }
  }

  // ---- start ------------------------------------------------------------------------------------

  initKey();
  initFileInput();
  initCamera();
  el.recognize.addEventListener('click', recognize);
  el.enrollForm.addEventListener('submit', enroll);
  el.enrollName.addEventListener('input', updateControls);
  el.subjectsRefresh.addEventListener('click', () => loadSubjects());
  updateControls();
  loadServerInfo();
  loadSamples();
  loadSubjects();
})();
