// The way back up the tree: the organisations from the key's own down to the
// one shown (those above the key's are not its to see), each a link to the
// same page one level up.
import { api } from "../api";
import { h } from "../dom";
import { navigate } from "../route";
import type { Organisation } from "@gen/unionhub/membership/v1/organisations_pb";

export async function breadcrumb(org: Organisation, keyOrganisation: string): Promise<HTMLElement> {
  const ids = org.path.split("/").filter(Boolean);
  const from = ids.indexOf(keyOrganisation);
  const above = from < 0 ? [] : ids.slice(from, -1);
  const found = await Promise.all(above.map((id) => api.organisations.getOrganisation({ id })));
  const crumbs = [...found.flatMap((r) => (r.organisation ? [r.organisation] : [])), org];
  return h(
    "nav",
    { class: "breadcrumb", "aria-label": "组织层级" },
    ...crumbs.flatMap((o, i) => [
      i > 0 ? h("span", { "aria-hidden": "true" }, " › ") : null,
      o.id === org.id
        ? h("span", { "aria-current": "page" }, o.name)
        : h("a", { href: "#", "data-org": o.id, onclick: (e: Event) => { e.preventDefault(); navigate({ org: o.id }); } }, o.name),
    ]),
  );
}
