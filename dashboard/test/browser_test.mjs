// The dashboard in a real browser: Debian's Chromium driven by puppeteer-core,
// against the whole suite with the demo data (tests/dashboard_browser_test.cc
// starts it and runs this). Checks what an officer sees against what the API
// says for the same key, drills down and back, keeps a school's key out of its
// sibling, says what went wrong when the key or the network is bad; files and
// approves a statistics form, edits, saves and downloads the work summary
// (opening the .docx), downloads the exports (opening them), shows a viewer
// no changing button, keeps the wall
// redrawing; and finds no console errors anywhere. Prints what it measured:
//   dashboard_overview_ms=<navigation to the overview drawn>
//   dashboard_transfer_bytes=<what the page loaded, compressed>
// Environment: DASHBOARD_URL (http://127.0.0.1:P), BOOTSTRAP_KEY (root
// federation admin), SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import puppeteer from "puppeteer-core";

const base = process.env.DASHBOARD_URL;
const rootKey = process.env.BOOTSTRAP_KEY;
const shots = process.env.SCREENSHOT_DIR;
assert.ok(base && rootKey && shots, "DASHBOARD_URL, BOOTSTRAP_KEY and SCREENSHOT_DIR are required");
mkdirSync(shots, { recursive: true });
const MAX_TRANSFER_BYTES = 800 * 1024;

// The API as the page calls it: Connect/JSON through the gateway.
async function call(key, method, body = {}) {
  const r = await fetch(`${base}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const json = await r.json();
  if (!r.ok) throw new Error(`${method}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

async function awaitReportingCaughtUp() {
  for (let i = 0; i < 600; ++i) {
    const s = await call(rootKey, "unionhub.reporting.v1.FeedStatusService/GetFeedStatus");
    const feeds = s.feeds ?? [];
    if (feeds.length === 3 && feeds.every((f) => Number(f.headSequence) > 0 && f.appliedSequence === f.headSequence))
      return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error("reporting did not catch up");
}

async function issueKey(organisationId, role, name) {
  const r = await call(rootKey, "unionhub.gateway.v1.AuthService/IssueApiKey", {
    requestId: `browser-test-${name}`,
    organisationId,
    role,
    displayName: name,
  });
  return r.secret;
}

const failures = [];
// While a step provokes a failed request on purpose (a wrong key, the network
// gone, a sibling's figures), Chromium's own line for it is expected.
let provoking = false;
async function provoke(step) {
  provoking = true;
  try {
    await step();
  } finally {
    provoking = false;
  }
}
function watch(page, name) {
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (provoking && m.text().startsWith("Failed to load resource")) return;
    failures.push(`${name}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => failures.push(`${name}: page error: ${e.message}`));
}

// A new tab (its own session storage), signed in with `key` when given.
async function openTab(browser, name, key, downloadPath) {
  const context = await browser.createBrowserContext(
    downloadPath ? { downloadBehavior: { policy: "allow", downloadPath } } : {},
  );
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  watch(page, name);
  if (key) {
    await page.evaluateOnNewDocument((k) => sessionStorage.setItem("unionhub.api_key", k), key);
  }
  return page;
}

async function ready(page) {
  await page.waitForSelector("body[data-ready=overview]", { timeout: 20_000 });
}

async function go(page, hash) {
  await page.evaluate(() => delete document.body.dataset.ready);
  await page.evaluate((h) => (location.hash = h), hash);
  await ready(page);
}

async function cards(page) {
  return page.$$eval(".card", (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.code, e.querySelector(".value").dataset.value])),
  );
}

// A new, empty directory for a tab's downloads.
function downloadDir(name) {
  const dir = join(shots, "downloads", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Clicks `selector` and returns the bytes of the file ending in `suffix`
// that arrives in `dir` (emptied first).
async function download(page, selector, dir, suffix) {
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
  await page.click(selector);
  for (let i = 0; i < 200; ++i) {
    const file = readdirSync(dir).find((f) => f.endsWith(suffix));
    if (file) return readFileSync(join(dir, file));
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no ${suffix} was downloaded`);
}

// The text of a workbook's first sheet (its strings inline or shared).
function sheetText(xlsx) {
  const files = unzipSync(new Uint8Array(xlsx));
  return ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]
    .filter((f) => files[f])
    .map((f) => strFromU8(files[f]))
    .join("");
}

const text = (page, selector) => page.$eval(selector, (e) => e.textContent.trim());

// Run again with PHASE=democracy-down once the harness has stopped the
// democracy service: its page says so and offers a retry; the rest works.
if (process.env.PHASE === "democracy-down") {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--lang=zh-CN"],
  });
  try {
    const tab = await openTab(browser, "democracy down", rootKey);
    await provoke(async () => {
      await tab.goto(`${base}/#/democracy`);
      await tab.waitForSelector(".error-panel");
    });
    assert.match(await text(tab, ".error-panel"), /服务暂时不可用/);
    await tab.screenshot({ path: join(shots, "service-unavailable.png") });
    await go(tab, "#/overview");
    assert.ok((await tab.$$(".card")).length > 0, "the overview still works");
    assert.deepEqual(failures, [], "no console errors");
  } finally {
    await browser.close();
  }
  process.exit(0);
}

await awaitReportingCaughtUp();
const year = new Date().getFullYear();
const root = (await call(rootKey, "unionhub.gateway.v1.AuthService/WhoAmI")).apiKey.organisationId;
const listed = await call(rootKey, "unionhub.membership.v1.OrganisationService/ListOrganisations", {
  includeDescendants: true,
  pageSize: 200,
});
const schools = listed.organisations.filter((o) => o.type === "ORGANISATION_TYPE_GRASSROOTS" && o.name.includes("学"));
assert.ok(schools.length >= 2, "the demo has schools");
const [school, sibling] = schools;

const schoolKey = await issueKey(school.id, "ROLE_UNION_ADMIN", `school-${Date.now()}`);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--lang=zh-CN"],
});
try {
  // A wrong key: a clear message, still on the sign-in form.
  {
    const page = await openTab(browser, "sign-in");
    await page.goto(`${base}/`);
    await page.waitForSelector("#api-key");
    await page.screenshot({ path: join(shots, "sign-in.png") });
    await page.type("#api-key", "uhk_0000000000000000_not-a-key");
    await provoke(async () => {
      await page.click("button[type=submit]");
      await page.waitForFunction(() => document.querySelector(".sign-in .error")?.textContent.includes("API 密钥无效"));
    });
    assert.equal(await page.evaluate(() => sessionStorage.getItem("unionhub.api_key")), null, "a refused key is forgotten");
    // Then the right one, by keyboard alone: type, Enter, Tab to a page, Enter.
    await page.$eval("#api-key", (e) => (e.value = ""));
    await page.focus("#api-key");
    await page.keyboard.type(rootKey);
    await page.keyboard.press("Enter");
    await ready(page);
    for (let i = 0; i < 20; ++i) {
      if (await page.evaluate(() => document.activeElement?.dataset?.page === "statistics")) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await page.waitForSelector("body[data-ready=statistics]");
    await page.close();
  }

  // The federation's overview: timed from navigation, bytes counted.
  const overviewDownloads = downloadDir("overview");
  const page = await openTab(browser, "overview", rootKey, overviewDownloads);
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let transferred = 0;
  cdp.on("Network.loadingFinished", (e) => (transferred += e.encodedDataLength));
  const started = Date.now();
  await page.goto(`${base}/#/overview?org=${root}&year=${year}&trend=aid.fen&rank=members.active`);
  await ready(page);
  const overviewMs = Date.now() - started;
  const overviewBytes = transferred;
  await page.screenshot({ path: join(shots, "overview.png"), fullPage: true });

  // Every headline figure is what the API says for the same key.
  const shown = await cards(page);
  const codes = Object.keys(shown);
  assert.ok(codes.length >= 16, `headline figures: ${codes.length}`);
  const api = await call(rootKey, "unionhub.reporting.v1.FigureService/GetFigures", {
    organisationId: root,
    year,
    indicatorCodes: codes,
  });
  for (const f of api.figures) {
    assert.equal(shown[f.code], String(f.subtree?.value ?? 0), `${f.code} on the page`);
  }
  assert.ok(Number(shown["members.active"]) > 0, "members shown");
  assert.match(await text(page, ".card[data-code='aid.fen'] .value"), /元$/);

  // Drill down to the first child and back up by the breadcrumb.
  const ranked = await call(rootKey, "unionhub.reporting.v1.FigureService/RankChildren", {
    organisationId: root,
    indicatorCode: "members.active",
    year,
  });
  const first = ranked.organisations[0];
  assert.deepEqual(
    await page.$$eval(".league tbody tr", (rows) => rows.map((r) => r.dataset.org)),
    ranked.organisations.map((o) => o.organisationId),
    "the league table in the API's order",
  );
  await page.evaluate(() => delete document.body.dataset.ready);
  await page.click(`.league tr[data-org='${first.organisationId}'] a`);
  await ready(page);
  assert.match(await text(page, "main > h2"), new RegExp(first.name));
  assert.equal((await page.$$(".breadcrumb a")).length, 1);
  const child = await call(rootKey, "unionhub.reporting.v1.FigureService/GetFigures", {
    organisationId: first.organisationId,
    year,
    indicatorCodes: ["members.active"],
  });
  assert.equal((await cards(page))["members.active"], String(child.figures[0].subtree.value));
  await page.screenshot({ path: join(shots, "drilled-down.png"), fullPage: true });
  await page.evaluate(() => delete document.body.dataset.ready);
  await page.click(`.breadcrumb a[data-org='${root}']`);
  await ready(page);
  assert.equal((await cards(page))["members.active"], shown["members.active"]);

  // The exports, one click each: the league table as a workbook, the
  // headline figures as CSV.
  const league = sheetText(await download(page, "[data-export='league:xlsx']", overviewDownloads, ".xlsx"));
  for (const o of ranked.organisations) assert.ok(league.includes(o.name), `${o.name} in the workbook`);
  const csv = (await download(page, "[data-export='figures:csv']", overviewDownloads, ".csv")).toString("utf8");
  assert.ok(csv.startsWith("\ufeff"), "CSV with a byte-order mark");
  assert.ok(csv.includes("会员人数"), "the figures' names");

  // Another indicator for the league table and the trend; last year.
  await page.evaluate(() => delete document.body.dataset.ready);
  await page.select("#rank-indicator", "aid.fen");
  await ready(page);
  assert.match(await text(page, ".league thead th:nth-child(3)"), /帮扶金额/);
  await go(page, `#/overview?org=${root}&year=${year - 1}&trend=members.active&rank=members.active`);
  const lastYear = await call(rootKey, "unionhub.reporting.v1.FigureService/GetFigures", {
    organisationId: root,
    year: year - 1,
    indicatorCodes: ["aid.fen"],
  });
  assert.equal((await cards(page))["aid.fen"], String(lastYear.figures[0].subtree.value));

  // On a phone's width (not emulating a touch device: that reloads the page).
  await page.setViewport({ width: 390, height: 844 });
  // Once the charts have followed the resize, nothing is wider than the phone.
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, { timeout: 5_000 });
  await page.screenshot({ path: join(shots, "overview-phone.png"), fullPage: true });
  await page.setViewport({ width: 1366, height: 900 });

  // The network gone: a message and a way to try again.
  await provoke(async () => {
    await page.setOfflineMode(true);
    await page.evaluate((h) => (location.hash = h), `#/overview?org=${root}&year=${year}`);
    await page.waitForSelector(".error-panel");
  });
  assert.match(await text(page, ".error-panel"), /网络连接失败/);
  await page.screenshot({ path: join(shots, "network-down.png") });
  await page.setOfflineMode(false);
  await page.click(".error-panel button");
  await ready(page);
  await page.close();

  // A school's key sees its union, never its sibling.
  const tab = await openTab(browser, "school", schoolKey);
  await tab.goto(`${base}/`);
  await ready(tab);
  assert.match(await text(tab, "main > h2"), new RegExp(school.name));
  await provoke(async () => {
    await tab.evaluate((h) => (location.hash = h), `#/overview?org=${sibling.id}&year=${year}`);
    await tab.waitForSelector(".error-panel");
    // The page's other refused requests end (and Chromium says so) inside
    // the step, not after it: the panel shows at the first refusal.
    await tab.waitForNetworkIdle({ idleTime: 300, timeout: 10000 });
  });
  assert.match(await text(tab, ".error-panel"), /没有找到|无权/);
  assert.equal(await tab.$(".card"), null, "no sibling figures");
  await tab.screenshot({ path: join(shots, "school-sibling-refused.png") });
  await tab.close();

  // The area pages, for the federation and for a school: every figure in
  // their tables is the API's; a school's congress against its rules.
  for (const [who, key, org] of [["federation", rootKey, root], ["school", schoolKey, school.id]]) {
    const tab = await openTab(browser, `${who} areas`, key);
    for (const area of ["organisation", "welfare", "democracy"]) {
      await tab.goto(`${base}/#/${area}?year=${year}`);
      await tab.waitForSelector(`body[data-ready=${area}]`);
      const shown = await tab.$$eval("table.figures tr[data-code]", (rows) =>
        rows.map((r) => [r.dataset.code, r.querySelector("td[data-value]").dataset.value]),
      );
      assert.ok(shown.length >= 6, `${who} ${area}: ${shown.length} figures`);
      const api = await call(key, "unionhub.reporting.v1.FigureService/GetFigures", {
        organisationId: org,
        year,
        indicatorCodes: shown.map(([code]) => code),
      });
      const values = new Map(api.figures.map((f) => [f.code, String(f.subtree?.value ?? 0)]));
      for (const [code, value] of shown) assert.equal(value, values.get(code), `${who} ${area}: ${code}`);
      assert.ok((await tab.$$("canvas")).length >= 1, `${who} ${area}: a chart`);
      await tab.screenshot({ path: join(shots, `${area}-${who}.png`), fullPage: true });
    }
    if (who === "school") {
      const rules = await tab.$$eval(".rules tr[data-met]", (rows) => rows.map((r) => r.dataset.met));
      assert.ok(rules.length > 0, "the school's congress rules");
    }
    await tab.close();
  }

  // The annual statistics: the school fills in its form, sees the checks,
  // submits; its district approves it.
  {
    const tab = await openTab(browser, "statistics", schoolKey);
    await tab.goto(`${base}/#/statistics?year=${year}`);
    await tab.waitForSelector("body[data-ready=statistics]");
    const members = Number(await tab.$eval("tr[data-field=members] td", (e) => e.textContent.replace(/,/g, "")));
    const setLine = async (code, value) => {
      await tab.$eval(`input[name=${code}]`, (e, v) => (e.value = v), String(value));
    };
    // Fewer employees than members: the check names both lines, nothing is submitted.
    await setLine("employees", members - 1);
    await setLine("women_employees", members);
    await setLine("full_time_officers", 1);
    await tab.click("button[data-action=save]");
    await tab.waitForFunction(() => document.querySelector(".problems .blocking")?.textContent.includes("职工人数"));
    await tab.screenshot({ path: join(shots, "statistics-checks.png"), fullPage: true });
    await setLine("employees", members + 40);
    await setLine("women_employees", members + 10);
    await tab.click("button[data-action=submit]");
    await tab.waitForFunction(() => document.querySelector(".panel .error")?.textContent.includes("已上报"));
    const submitted = await call(schoolKey, "unionhub.reporting.v1.StatisticsService/GetStatisticsForm", { organisationId: school.id, year });
    assert.equal(submitted.form.status, "FORM_STATUS_SUBMITTED");
    assert.equal(submitted.form.fields.find((f) => f.code === "employees").value, String(members + 40));
    await tab.close();

    const districtKey = await issueKey(school.parentId, "ROLE_UNION_ADMIN", `district-${Date.now()}`);
    const reviewDownloads = downloadDir("review");
    const review = await openTab(browser, "review", districtKey, reviewDownloads);
    await review.goto(`${base}/#/statistics?year=${year}`);
    await review.waitForSelector("body[data-ready=statistics]");
    await review.waitForSelector(`.children tr[data-org='${school.id}'][data-status=SUBMITTED]`);
    await review.evaluate(() => delete document.body.dataset.ready);
    await review.click(`.children tr[data-org='${school.id}'] button[data-action=approve]`);
    await review.waitForSelector(`.children tr[data-org='${school.id}'][data-status=APPROVED]`);
    await review.screenshot({ path: join(shots, "statistics-review.png"), fullPage: true });
    const forms = sheetText(await download(review, "[data-export='forms:xlsx']", reviewDownloads, ".xlsx"));
    assert.ok(forms.includes(school.name), "the children's forms exported");
    const approved = await call(districtKey, "unionhub.reporting.v1.StatisticsService/GetStatisticsForm", { organisationId: school.id, year });
    assert.equal(approved.form.status, "FORM_STATUS_APPROVED");
    await review.close();
  }

  // The work summary: figures marked, edited and saved, downloaded as Word.
  {
    const downloads = downloadDir("summary");
    const tab = await openTab(browser, "summary", schoolKey, downloads);
    await tab.goto(`${base}/#/summary?year=${year}`);
    await tab.waitForSelector("body[data-ready=summary]");
    const marks = await tab.$$eval("mark.figure", (els) => els.map((e) => e.dataset.code));
    assert.ok(marks.includes("members.active"), `figures marked: ${marks}`);
    await tab.screenshot({ path: join(shots, "summary.png"), fullPage: true });
    await tab.click("button[data-action=edit]");
    const added = "全年组织教职工读书会三次。";
    await tab.$eval("textarea[data-section=culture]", (e, t) => (e.value += `\n${t}`), added);
    await tab.click("button[data-action=save]");
    await tab.waitForFunction(() => document.querySelector(".panel .error")?.textContent.includes("已保存为第 1 版"));
    const saved = await call(schoolKey, "unionhub.reporting.v1.WorkSummaryService/GetWorkSummary", { organisationId: school.id, year });
    assert.equal(saved.summary.version, 1);
    assert.ok(saved.summary.markdown.includes(added), "the edit is saved");
    const docx = await download(tab, "button[data-action=docx]", downloads, ".docx");
    const xml = strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"]);
    assert.ok(xml.includes(`${school.name}${year}年工作总结`), "its title");
    assert.ok(xml.includes(added), "the officer's sentence");
    assert.ok(xml.includes("<w:b/>"), "figures in bold");
    await tab.close();
  }

  // A viewer of the school sees no button that changes anything.
  {
    const viewerKey = await issueKey(school.id, "ROLE_VIEWER", `viewer-${Date.now()}`);
    const tab = await openTab(browser, "viewer", viewerKey);
    for (const page of ["statistics", "summary"]) {
      await tab.goto(`${base}/#/${page}?year=${year}`);
      await tab.waitForSelector(`body[data-ready=${page}]`);
      const changing = await tab.$$eval("[data-action]", (els) => els.map((e) => e.dataset.action).filter((a) => a !== "docx"));
      assert.deepEqual(changing, [], `${page}: a viewer's buttons`);
      assert.equal(await tab.$("input, textarea"), null, `${page}: nothing to fill in`);
    }
    await tab.close();
  }

  // The wall: big figures equal to the API's, redrawn by itself.
  {
    const tab = await openTab(browser, "screen", rootKey);
    await tab.setViewport({ width: 1920, height: 1080 });
    await tab.goto(`${base}/#/screen?year=${year}&refresh=5`);
    await tab.waitForSelector("body[data-ready=screen]");
    const wall = await tab.$$eval(".wall-figure", (els) => Object.fromEntries(els.map((e) => [e.dataset.code, e.querySelector(".value").dataset.value])));
    const figures = await call(rootKey, "unionhub.reporting.v1.FigureService/GetFigures", { organisationId: root, year, indicatorCodes: Object.keys(wall) });
    for (const f of figures.figures) assert.equal(wall[f.code], String(f.subtree?.value ?? 0), `${f.code} on the wall`);
    await tab.screenshot({ path: join(shots, "screen.png") });
    await tab.waitForFunction(() => Number(document.querySelector("main").dataset.drawn) >= 2, { timeout: 15_000 });
    await tab.close();
  }

  assert.deepEqual(failures, [], "no console errors");
  console.log(`dashboard_overview_ms=${overviewMs}`);
  console.log(`dashboard_transfer_bytes=${overviewBytes}`);
  assert.ok(overviewBytes < MAX_TRANSFER_BYTES, `the page loads ${overviewBytes} bytes`);
} finally {
  await browser.close();
}
