// The dashboard's shell: sign-in with an API key, who is signed in, the year,
// and the page the address names (#/overview?org=…&year=…). Every failure
// becomes a message on the page, never a blank one.
import "./style.css";
import { api, explain, forgetKey, isSignedOut, saveKey, savedKey } from "./api";
import { disposeCharts, resizeCharts } from "./charts";
import { h, replace } from "./dom";
import { forgetCatalogue, loadCatalogue } from "./indicators";
import { type OverviewRoute, renderOverview } from "./pages/overview";
import type { ApiKey } from "@gen/unionhub/gateway/v1/auth_pb";
import { Role } from "@gen/unionhub/auth/v1/principal_pb";

const ROLE_NAMES: Partial<Record<Role, string>> = {
  [Role.VIEWER]: "只读",
  [Role.UNION_ADMIN]: "工会管理员",
  [Role.FEDERATION_ADMIN]: "总工会管理员",
};

const root = document.getElementById("app")!;
let me: ApiKey | null = null;
let organisationName = "";

function thisYear(): number {
  return new Date().getFullYear();
}

function readRoute(): OverviewRoute {
  const query = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const year = Number(query.get("year"));
  return {
    org: query.get("org") || me?.organisationId || "",
    year: Number.isInteger(year) && year >= 2000 && year <= thisYear() ? year : thisYear(),
    trend: query.get("trend") || "aid.fen",
    rank: query.get("rank") || "members.active",
  };
}

function navigate(change: Partial<OverviewRoute>): void {
  const next = { ...readRoute(), ...change };
  location.hash = `#/overview?${new URLSearchParams({
    org: next.org,
    year: String(next.year),
    trend: next.trend,
    rank: next.rank,
  })}`;
}

function showSignIn(message = ""): void {
  disposeCharts();
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
      await signedIn();
      navigate({});
      await show();
    } catch (err) {
      forgetKey();
      replace(error, explain(err));
    }
  });
  replace(root, form);
  input.focus();
}

async function signedIn(): Promise<void> {
  const who = await api.auth.whoAmI({});
  me = who.apiKey ?? null;
  if (!me) throw new Error("no key");
  const [org] = await Promise.all([
    api.organisations.getOrganisation({ id: me.organisationId }),
    loadCatalogue(),
  ]);
  organisationName = org.organisation?.name ?? "";
}

function signOut(): void {
  forgetKey();
  forgetCatalogue();
  history.replaceState(null, "", location.pathname);
  showSignIn();
}

function shell(route: OverviewRoute, main: HTMLElement): HTMLElement {
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  const year = h(
    "select",
    { id: "year", onchange: (e: Event) => navigate({ year: Number((e.target as HTMLSelectElement).value) }) },
    ...years.map((y) => h("option", { value: String(y), selected: y === route.year }, `${y}年`)),
  );
  return h(
    "div",
    { class: "shell" },
    h(
      "header",
      { class: "top" },
      h("h1", {}, "工会数据驾驶舱"),
      h("label", { class: "picker", for: "year" }, "年度", year),
      h(
        "p",
        { class: "who", "data-organisation": me!.organisationId },
        `${organisationName} · ${ROLE_NAMES[me!.role] ?? ""}`,
      ),
      h("button", { type: "button", class: "quiet", onclick: signOut }, "退出"),
    ),
    main,
  );
}

let showing = 0;

async function show(): Promise<void> {
  const ticket = ++showing;
  if (!savedKey()) return showSignIn();
  try {
    if (!me) await signedIn();
  } catch (err) {
    if (isSignedOut(err)) forgetKey();
    return showSignIn(explain(err));
  }
  const route = readRoute();
  const main = h("main", { "aria-busy": "true" }, h("p", { class: "loading" }, "正在加载…"));
  replace(root, shell(route, main));
  try {
    await renderOverview(main, route, me!.organisationId, navigate);
    main.setAttribute("aria-busy", "false");
    if (ticket === showing) document.body.dataset.ready = "overview";
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

window.addEventListener("hashchange", () => {
  delete document.body.dataset.ready;
  show();
});
window.addEventListener("resize", resizeCharts);
show();
