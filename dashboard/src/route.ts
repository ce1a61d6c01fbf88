// Where the officer is: the page and its choices, kept in the address
// (#/overview?org=…&year=…) so a view can be bookmarked, reloaded and sent.
export type Page = "overview" | "organisation" | "welfare" | "democracy" | "statistics" | "summary" | "screen";
const PAGES: Page[] = ["overview", "organisation", "welfare", "democracy", "statistics", "summary", "screen"];

export interface Route {
  page: Page;
  org: string; // Empty: the signed-in key's organisation.
  year: number;
  trend: string;
  rank: string;
}

export function thisYear(): number {
  return new Date().getFullYear();
}

export function readRoute(): Route {
  const [path, search] = location.hash.replace(/^#\/?/, "").split("?");
  const query = new URLSearchParams(search ?? "");
  const year = Number(query.get("year"));
  return {
    page: (PAGES as string[]).includes(path) ? (path as Page) : "overview",
    org: query.get("org") ?? "",
    year: Number.isInteger(year) && year >= 2000 && year <= thisYear() ? year : thisYear(),
    trend: query.get("trend") || "aid.fen",
    rank: query.get("rank") || "members.active",
  };
}

export function routeHash(route: Route): string {
  const query = new URLSearchParams({ year: String(route.year), trend: route.trend, rank: route.rank });
  if (route.org) query.set("org", route.org);
  return `#/${route.page}?${query}`;
}

export function navigate(change: Partial<Route>): void {
  location.hash = routeHash({ ...readRoute(), ...change });
}
