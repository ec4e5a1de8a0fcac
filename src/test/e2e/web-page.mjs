// End-to-end test of maskface's web page in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core; no browser download).
//
//   node web-page.mjs URL KEY SHOTDIR SAMPLEDIR
//
// URL: the server's address (http://127.0.0.1:PORT/), KEY: its API key, SHOTDIR: where screenshots
// go (web-page.png after recognising the masked sample; failure-*.png when a step fails),
// SAMPLEDIR: the masked samples folder (samples/masked; the enrolment photo is ../faces/...).
// The server's gallery must not hold "Colin Powell" and must be otherwise empty: the last step
// checks that forgetting him leaves the list empty.
// Prints each step; exits 1 with the reason on the first failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [url, key, shotDir, sampleDir] = process.argv.slice(2);
if (!url || !key || !shotDir || !sampleDir) {
  console.error('usage: node web-page.mjs URL KEY SHOTDIR SAMPLEDIR');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ENROL_PHOTO = path.resolve(sampleDir, '..', 'faces', 'lfw_colin_powell_0095.png');
const MASKED_SAMPLE = 'lfw_colin_powell_0133_simple.png';
const PERSON = 'Colin Powell';
const STEP_TIMEOUT_MS = 45_000; // a recognition on a loaded two-core CI machine takes seconds

fs.mkdirSync(shotDir, { recursive: true });
for (const f of [ENROL_PHOTO, path.join(sampleDir, MASKED_SAMPLE)]) {
  if (!fs.existsSync(f)) {
    console.error(`e2e: FAIL: missing test photo ${f}`);
    process.exit(1);
  }
}

class Failure extends Error {}
const fail = (msg) => {
  throw new Failure(msg);
};
const expect = (cond, msg) => {
  if (!cond) fail(msg);
};

const started = Date.now();
let browser;
let page;
let stepNo = 0;
const pageErrors = [];

async function step(name, fn) {
  stepNo++;
  const t0 = Date.now();
  console.log(`e2e: [${stepNo}] ${name} ...`);
  try {
    await fn();
  } catch (e) {
    const shot = path.join(shotDir, `failure-${stepNo}.png`);
    if (page) {
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    }
    const status = page ? await statusText().catch(() => '?') : '?';
    console.error(`e2e: FAIL at step ${stepNo} (${name}): ${e instanceof Failure ? e.message : e.stack || e}`);
    console.error(`e2e:   page status area: ${JSON.stringify(status)}; screenshot: ${shot}`);
    if (pageErrors.length) console.error(`e2e:   page errors: ${pageErrors.join(' | ')}`);
    await browser?.close().catch(() => {});
    process.exit(1);
  }
  console.log(`e2e: [${stepNo}] ok (${Date.now() - t0} ms)`);
}

const statusText = async () => ((await page.locator('#status').isVisible())
  ? (await page.locator('#status').textContent()).trim() : '');
const statusKind = () => page.locator('#status').getAttribute('data-kind');

/** Waits until the page has no request in flight (it sets aria-busy on <body> while one runs). */
async function idle() {
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy'), null, { timeout: STEP_TIMEOUT_MS });
}

/** The status area after an action: expects kind 'ok' or 'error', fails with the page's message otherwise. */
async function expectStatus(kind, ...parts) {
  await idle();
  const text = await statusText();
  const k = await statusKind();
  expect(text && k === kind, `expected a${kind === 'ok' ? 'n ok' : 'n error'} message, page shows ${k}: ${JSON.stringify(text)}`);
  for (const p of parts) {
    expect(text.includes(p), `status should contain ${JSON.stringify(p)}, is ${JSON.stringify(text)}`);
  }
  return text;
}

async function subjectNames() {
  return page.locator('#subjects [data-testid=subject]').evaluateAll((els) => els.map((e) => e.dataset.subject));
}

async function choosePhotoNamed(name) {
  await page.waitForFunction((n) => document.getElementById('photo-name').textContent === n
    && document.getElementById('photo').complete, name, { timeout: STEP_TIMEOUT_MS });
}

await step('launch Chromium and open the page with #key=', async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // a fake camera (a test pattern, no face) that needs no permission prompt
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (4\d\d|5\d\d)/.test(m.text())) pageErrors.push('console: ' + m.text());
  });
  const base = url.endsWith('/') ? url : url + '/';
  await page.goto(`${base}#key=${encodeURIComponent(key)}`);
  await page.waitForSelector('#subjects[data-loaded=true]', { state: 'attached' });
  expect(!page.url().includes('key='), `the key should be removed from the address bar, URL is ${page.url()}`);
  expect(await page.inputValue('#api-key') === key, 'the key field should hold the key from the URL');
});

await step('sample strip lists the masked samples', async () => {
  await page.waitForSelector('#samples[data-loaded=true]', { state: 'attached' });
  const names = await page.locator('[data-testid=sample]').evaluateAll((els) => els.map((e) => e.dataset.name));
  expect(names.includes(MASKED_SAMPLE), `samples should include ${MASKED_SAMPLE}, are ${names}`);
  expect((await subjectNames()).length === 0, `the gallery should start empty, has ${await subjectNames()}`);
});

await step(`enrol "${PERSON}" from ${path.basename(ENROL_PHOTO)} via file input, name field and Enroll`, async () => {
  await page.setInputFiles('#file-input', ENROL_PHOTO);
  await choosePhotoNamed(path.basename(ENROL_PHOTO));
  await page.fill('#enroll-name', PERSON);
  await page.click('#enroll-btn');
  await expectStatus('ok', `Enrolled ${PERSON}`);
});

await step('subjects list shows him with one face', async () => {
  const row = page.locator(`#subjects [data-testid=subject][data-subject="${PERSON}"]`);
  await row.waitFor();
  const faces = (await row.locator('[data-testid=subject-faces]').textContent()).trim();
  expect(faces === '1 face', `face count should be "1 face", is ${JSON.stringify(faces)}`);
});

await step(`recognise the masked sample ${MASKED_SAMPLE}`, async () => {
  await page.click(`[data-testid=sample][data-name="${MASKED_SAMPLE}"]`);
  await choosePhotoNamed(MASKED_SAMPLE);
  await page.click('#recognize-btn');
  await expectStatus('ok', 'Found 1 face');
  const card = page.locator('#results [data-testid=face-card]').first();
  const name = (await card.locator('[data-testid=face-name]').textContent()).trim();
  expect(name === PERSON, `the face should be named ${PERSON}, is ${JSON.stringify(name)}`);
  const sim = (await card.locator('[data-testid=face-similarity]').textContent()).trim();
  const m = /similarity (\d\.\d+)/.exec(sim);
  expect(m && Number(m[1]) > 0 && Number(m[1]) <= 1, `expected "similarity 0.xxx", is ${JSON.stringify(sim)}`);
  console.log(`e2e:     ${name}, ${sim}; ${(await page.locator('[data-testid=took-ms]').textContent()).trim()}`);
  const box = page.locator('#boxes [data-testid=face-box]').first();
  const bb = await box.boundingBox();
  const img = await page.locator('#photo').boundingBox();
  expect(bb && bb.width > 20 && bb.height > 20, `a face box should be drawn, is ${JSON.stringify(bb)}`);
  expect(bb.x >= img.x - 2 && bb.y >= img.y - 2 && bb.x + bb.width <= img.x + img.width + 2
    && bb.y + bb.height <= img.y + img.height + 2, `the box ${JSON.stringify(bb)} should lie on the photo ${JSON.stringify(img)}`);
  const tag = await box.locator('[data-testid=face-tag]').textContent();
  expect(tag.includes(PERSON), `the box label should name ${PERSON}, is ${JSON.stringify(tag)}`);
  const aligned = await card.locator('[data-testid=aligned]').evaluate((i) => ({
    src: i.src.slice(0, 22), w: i.naturalWidth, h: i.naturalHeight, shown: i.getBoundingClientRect().width,
  }));
  expect(aligned.src === 'data:image/png;base64,' && aligned.w === 112 && aligned.h === 112 && aligned.shown > 50,
    `the aligned face image should show (112x112 PNG), is ${JSON.stringify(aligned)}`);
  const matches = await card.locator('[data-testid=match]').count();
  expect(matches >= 1, 'the top matches should be listed');
  expect(await page.locator('[data-testid=meta-threshold]').isVisible(), 'the threshold should be shown');
});

await step('screenshot of the result at 1280x800', async () => {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const shot = path.join(shotDir, 'web-page.png');
  await page.screenshot({ path: shot });
  expect(fs.statSync(shot).size > 10_000, `screenshot ${shot} looks empty`);
  console.log(`e2e:     ${shot}`);
});

await step('webcam: fake camera snapshot, recognise -> the server\'s no_face message', async () => {
  await page.click('#camera-start');
  await page.waitForFunction(() => document.getElementById('camera-video').videoWidth > 0);
  await page.click('#camera-snap');
  await page.waitForFunction(() => /^webcam-.*\.jpg$/.test(document.getElementById('photo-name').textContent)
    && document.getElementById('photo').complete);
  expect(await page.locator('#camera').isHidden(), 'the camera should close after the snapshot');
  await page.click('#recognize-btn');
  await expectStatus('error', 'no_face', '422', 'no face found');
  expect(await page.locator('#results [data-testid=face-card]').count() === 0, 'no face card should be left');
});

await step('wrong API key -> the 401 message', async () => {
  await page.fill('#api-key', 'not-the-key');
  await page.click('#recognize-btn');
  await expectStatus('error', 'invalid_api_key', '401', "is not this server's");
  // the right key again; Enter reloads the list and ends the key complaint
  await page.fill('#api-key', key);
  await page.press('#api-key', 'Enter');
  await idle();
  expect(await statusText() === '', `the key error should clear with the right key, status is ${JSON.stringify(await statusText())}`);
});

await step(`forget "${PERSON}" (accepting the confirm dialog) -> the list is empty`, async () => {
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await page.click(`#subjects [data-subject="${PERSON}"] [data-testid=forget]`);
  await expectStatus('ok', `Forgot ${PERSON}`);
  expect(asked.includes(PERSON), `the confirm dialog should name ${PERSON}, said ${JSON.stringify(asked)}`);
  expect((await subjectNames()).length === 0, `the list should be empty, has ${await subjectNames()}`);
  expect(await page.locator('#subjects-empty').isVisible(), 'the empty-list note should show');
});

await step('no script errors on the page', async () => {
  expect(pageErrors.length === 0, `page errors: ${pageErrors.join(' | ')}`);
});

await browser.close();
console.log(`e2e: PASS (${stepNo} steps, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
