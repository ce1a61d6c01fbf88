// The dashboard's shell: sign-in with an API key, who is signed in, the year,
// the pages, and the page the address names (#/overview?org=…&year=…). Every
// failure becomes a message on the page, never a blank one.
import "./style.css";
import { api, explain, forgetKey, isSignedOut, saveKey, savedKey } from "./api";
import { disposeCharts, resizeCharts } from "./charts";
import { h, replace } from "./dom";
import { forgetCatalogue, loadCatalogue } from "./indicators";
import { renderDemocracy } from "./pages/democracy";
import { renderOrganisation } from "./pages/organisation";
import { renderOverview } from "./pages/overview";
import { renderWelfare } from "./pages/welfare";
import { contextFor, drawn } from "./pages/page";
import { renderScreen } from "./pages/screen";
import { renderStatistics } from "./pages/statistics";
import { renderSummary } from "./pages/summary";
import { type Page, navigate, readRoute, type Route, thisYear } from "./route";
import type { ApiKey } from "@gen/unionhub/gateway/v1/auth_pb";
import { Role } from "@gen/unionhub/auth/v1/principal_pb";

const ROLE_NAMES: Partial<Record<Role, string>> = {
  [Role.VIEWER]: "只读",
  [Role.UNION_ADMIN]: "工会管理员",
  [Role.FEDERATION_ADMIN]: "总工会管理员",
};
const PAGE_NAMES: Record<Page, string> = {
  overview: "概览",
  organisation: "组织建设",
  welfare: "维权帮扶",
  democracy: "民主管理",
  statistics: "统计年报",
  summary: "工作总结",
  screen: "数据大屏",
};

const root = document.getElementById("app")!;
let me: ApiKey | null = null;
let organisationName = "";
// What stops the page shown (the wall's timer).
let leave: (() => void) | null = null;

function showSignIn(message = ""): void {
  stopPage();
  me = null;
  const input = h("input", {
    id: "api-key",
    type: "password",
    autocomplete: "off",
    required: true,
    placeholder: "uhk_…",
    "aria-describedby": "sign-in-help",
  });
  const error = h("p", { class: "error", role: "alert" }, message);
  const form = h(
    "form",
    { class: "sign-in", "aria-label": "登录" },
    h("h1", {}, "工会数据驾驶舱"),
    h("label", { for: "api-key" }, "API 密钥"),
    input,
    h("p", { id: "sign-in-help", class: "help" }, "密钥只保存在本标签页中，关闭标签页即退出。"),
    h("button", { type: "submit" }, "登录"),
    error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    saveKey(input.value.trim());
    replace(error, "正在验证…");
    try {
      await signIn();
      await show();
    } catch (err) {
      forgetKey();
      replace(error, explain(err));
    }
  });
  replace(root, form);
  input.focus();
}

async function signIn(): Promise<void> {
  const who = await api.auth.whoAmI({});
  if (!who.apiKey) throw new Error("no key");
  const [org] = await Promise.all([
    api.organisations.getOrganisation({ id: who.apiKey.organisationId }),
    loadCatalogue(),
  ]);
  me = who.apiKey;
  organisationName = org.organisation?.name ?? "";
}

function signOut(): void {
  forgetKey();
  forgetCatalogue();
  history.replaceState(null, "", location.pathname);
  showSignIn();
}

function stopPage(): void {
  leave?.();
  leave = null;
  disposeCharts();
}

function shell(route: Route, main: HTMLElement): HTMLElement {
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  const year = h(
    "select",
    { id: "year", onchange: (e: Event) => navigate({ year: Number((e.target as HTMLSelectElement).value) }) },
    ...years.map((y) => h("option", { value: String(y), selected: y === route.year }, `${y}年`)),
  );
  const pages = Object.entries(PAGE_NAMES) as [Page, string][];
  return h(
    "div",
    { class: "shell" },
    h(
      "header",
      { class: "top" },
      h("h1", {}, "工会数据驾驶舱"),
      h(
        "nav",
        { class: "pages", "aria-label": "页面" },
        ...pages.map(([page, name]) =>
          h(
            "a",
            {
              href: "#",
              "data-page": page,
              "aria-current": page === route.page ? "page" : false,
              onclick: (e: Event) => {
                e.preventDefault();
                navigate({ page });
              },
            },
            name,
          ),
        ),
      ),
      h("label", { class: "picker", for: "year" }, "年度", year),
      h("p", { class: "who", "data-organisation": me!.organisationId }, `${organisationName} · ${ROLE_NAMES[me!.role] ?? ""}`),
      h("button", { type: "button", class: "quiet", onclick: signOut }, "退出"),
    ),
    main,
  );
}

let showing = 0;

async function show(): Promise<void> {
  const ticket = ++showing;
  delete document.body.dataset.ready;
  if (!savedKey()) return showSignIn();
  try {
    if (!me) await signIn();
  } catch (err) {
    if (isSignedOut(err)) forgetKey();
    return showSignIn(explain(err));
  }
  stopPage();
  const route = readRoute();
  const context = contextFor(route, me!);
  const main = h("main", { "aria-busy": "true" }, h("p", { class: "loading" }, "正在加载…"));
  replace(root, shell(route, main));
  try {
    if (route.page === "organisation") {
      await renderOrganisation(main, context);
    } else if (route.page === "welfare") {
      await renderWelfare(main, context);
    } else if (route.page === "democracy") {
      await renderDemocracy(main, context);
    } else if (route.page === "statistics") {
      await renderStatistics(main, context, () => show());
    } else if (route.page === "summary") {
      await renderSummary(main, context);
    } else if (route.page === "screen") {
      const stop = await renderScreen(main, context);
      if (ticket !== showing) return stop(); // Left while it loaded.
      leave = stop;
    } else {
      await renderOverview(main, context);
    }
    if (ticket !== showing) return;
    main.setAttribute("aria-busy", "false");
    drawn(route.page);
  } catch (err) {
    if (ticket !== showing) return;
    if (isSignedOut(err)) {
      forgetKey();
      return showSignIn(explain(err));
    }
    replace(
      main,
      h("div", { class: "error-panel", role: "alert" }, h("p", {}, explain(err)), h("button", { type: "button", onclick: () => show() }, "重试")),
    );
    main.setAttribute("aria-busy", "false");
  }
}

window.addEventListener("hashchange", () => show());
window.addEventListener("resize", resizeCharts);
show();
