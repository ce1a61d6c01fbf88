#include "services/reporting/read_model/read_model.h"

#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/base/status_macros.h"
#include "libs/clients/subtree.h"
#include "services/reporting/period.h"

namespace unionhub::reporting {
namespace {

constexpr int kRowsPerStatement = 100;

std::string EncodeEntries(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries)
    absl::StrAppend(&out, e.code, "\t", e.path, "\t", e.month, "\t", e.value,
                    "\n");
  return out;
}

absl::StatusOr<std::vector<Entry>> DecodeEntries(absl::string_view text) {
  std::vector<Entry> out;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    Entry e;
    if (f.size() != 4 || !absl::SimpleAtoi(f[2], &e.month) ||
        !absl::SimpleAtoi(f[3], &e.value)) {
      return absl::DataLossError(
          absl::StrCat("a stored contribution cannot be read: ", line));
    }
    e.code = std::string(f[0]);
    e.path = std::string(f[1]);
    out.push_back(std::move(e));
  }
  return out;
}

// "INSERT ... VALUES (?, ...), ... " plus the backend's way of saying "or
// update": `on_conflict` is SQLite's, `on_duplicate` MySQL's.
std::string UpsertSql(sql::Backend backend, absl::string_view insert,
                      int columns, int rows, absl::string_view on_conflict,
                      absl::string_view on_duplicate) {
  std::string one = "(?";
  for (int c = 1; c < columns; ++c) one += ", ?";
  one += ")";
  std::string sql = absl::StrCat(insert, " VALUES ", one);
  for (int r = 1; r < rows; ++r) absl::StrAppend(&sql, ", ", one);
  absl::StrAppend(
      &sql, " ", backend == sql::Backend::kSqlite ? on_conflict : on_duplicate);
  return sql;
}

using FigureKey = std::tuple<std::string, std::string, int, int>;

// The read model as this page sees it: what earlier events of the page
// changed, else what is stored.
class PageContext final : public ProjectionContext {
 public:
  PageContext(sql::Session& s, absl::CivilDay today) : s_(s), today_(today) {}

  absl::StatusOr<std::string> PathOf(const std::string& id) override {
    auto seen = paths_.find(id);
    if (seen != paths_.end()) return seen->second;
    ASSIGN_OR_RETURN(std::optional<OrganisationRecord> o,
                     FindOrganisation(s_, id));
    std::string path = o ? o->path : "";
    paths_[id] = path;
    return path;
  }

  absl::StatusOr<std::vector<Entry>> EntriesOf(
      const std::string& subject) override {
    auto seen = subjects_.find(subject);
    if (seen != subjects_.end()) return seen->second;
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s_.Query("SELECT entries FROM contributions WHERE subject = ?",
                 subject));
    ASSIGN_OR_RETURN(bool row, st->Step());
    std::vector<Entry> entries;
    if (row) {
      ASSIGN_OR_RETURN(entries, DecodeEntries(st->Text(0)));
    }
    subjects_[subject] = entries;
    return entries;
  }

  absl::Status SaveOrganisation(const OrganisationRecord& o) {
    paths_[o.id] = o.path;
    const bool sqlite = s_.backend() == sql::Backend::kSqlite;
    return s_
        .Execute(absl::StrCat(
                     "INSERT INTO organisations (id, parent_id, path, name, "
                     "type, closed) VALUES (?, ?, ?, ?, ?, ?) ",
                     sqlite ? "ON CONFLICT (id) DO UPDATE SET parent_id = "
                              "excluded.parent_id, path = excluded.path, name "
                              "= excluded.name, type = excluded.type, closed "
                              "= excluded.closed"
                            : "ON DUPLICATE KEY UPDATE parent_id = "
                              "VALUES(parent_id), path = VALUES(path), name = "
                              "VALUES(name), type = VALUES(type), closed = "
                              "VALUES(closed)"),
                 o.id, o.parent_id, o.path, o.name, o.type, o.closed)
        .status();
  }

  absl::Status SaveDisclosureLine(const DisclosureLine& line) {
    return s_
        .Execute(UpsertSql(s_.backend(),
                           "INSERT INTO disclosure_lines (id, path, schedule, "
                           "grace_days, added_date, next_due)",
                           6, 1,
                           "ON CONFLICT (id) DO UPDATE SET path = "
                           "excluded.path, schedule = excluded.schedule, "
                           "grace_days = excluded.grace_days, added_date = "
                           "excluded.added_date",
                           "ON DUPLICATE KEY UPDATE path = VALUES(path), "
                           "schedule = VALUES(schedule), grace_days = "
                           "VALUES(grace_days), added_date = "
                           "VALUES(added_date)"),
                 line.id, line.path, static_cast<int>(line.schedule),
                 line.grace_days, absl::FormatCivilTime(line.added),
                 absl::FormatCivilTime(today_))
        .status();
  }

  absl::Status SaveDisclosure(const Disclosure& d) {
    return s_
        .Execute(UpsertSql(s_.backend(),
                           "INSERT INTO disclosures (item_id, line_id, "
                           "period, disclosed_date)",
                           4, 1,
                           "ON CONFLICT (item_id) DO UPDATE SET "
                           "disclosed_date = excluded.disclosed_date",
                           "ON DUPLICATE KEY UPDATE disclosed_date = "
                           "VALUES(disclosed_date)"),
                 d.item_id, d.line_id, d.period, absl::FormatCivilTime(d.day))
        .status();
  }

  // Counts the dues of line `id` (if reporting keeps it) as of today, and
  // notes when they are next to be counted.
  absl::Status CountDues(const std::string& id) {
    ASSIGN_OR_RETURN(
        sql::Statement * st,
        s_.Query("SELECT path, schedule, grace_days, added_date FROM "
                 "disclosure_lines WHERE id = ?",
                 id));
    ASSIGN_OR_RETURN(bool found, st->Step());
    if (!found) return absl::OkStatus();
    DisclosureLine line{id,
                        st->Text(0),
                        static_cast<Schedule>(st->Int(1)),
                        static_cast<int>(st->Int(2)),
                        {}};
    if (!absl::ParseCivilTime(st->Text(3), &line.added)) {
      return absl::DataLossError(
          absl::StrCat("disclosure line ", id, " has no date added"));
    }
    ASSIGN_OR_RETURN(st, s_.Query("SELECT period, MIN(disclosed_date) FROM "
                                  "disclosures WHERE line_id = ? GROUP BY "
                                  "period",
                                  id));
    std::map<std::string, absl::CivilDay> first;
    while (true) {
      ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      absl::CivilDay day;
      if (absl::ParseCivilTime(st->Text(1), &day)) first[st->Text(0)] = day;
    }
    RETURN_IF_ERROR(Replace(DisclosureDues(line, first, today_)));
    return s_
        .Execute("UPDATE disclosure_lines SET next_due = ? WHERE id = ?",
                 absl::FormatCivilTime(
                     NextDueAfter(line.schedule, line.grace_days, today_)),
                 id)
        .status();
  }

  // Replaces what `c.subject` contributes, adding the difference to the
  // page's figure changes.
  absl::Status Replace(Contribution c) {
    ASSIGN_OR_RETURN(std::vector<Entry> before, EntriesOf(c.subject));
    if (before == c.entries) return absl::OkStatus();
    for (const Entry& e : before) Add(e, -e.value);
    for (const Entry& e : c.entries) Add(e, e.value);
    dirty_.insert(c.subject);
    subjects_[c.subject] = std::move(c.entries);
    return absl::OkStatus();
  }

  absl::Status Flush() {
    RETURN_IF_ERROR(FlushContributions());
    return FlushFigures();
  }

 private:
  // One entry reaches its organisation's own figures and the subtree
  // figures of every organisation on its path, for the month, the year and
  // all time: work grows with the tree's depth, never its size.
  void Add(const Entry& e, int64_t value) {
    std::vector<std::string> ids = clients::PathIds(e.path);
    if (ids.empty()) return;
    const int periods[] = {e.month, e.month / 100, 0};
    for (int period : periods) {
      changes_[{ids.back(), e.code, static_cast<int>(Scope::kOwn), period}] +=
          value;
      for (const std::string& id : ids) {
        changes_[{id, e.code, static_cast<int>(Scope::kSubtree), period}] +=
            value;
      }
    }
  }

  absl::Status FlushContributions() {
    std::vector<std::string> subjects(dirty_.begin(), dirty_.end());
    for (size_t start = 0; start < subjects.size();
         start += kRowsPerStatement) {
      size_t end = std::min(subjects.size(), start + kRowsPerStatement);
      ASSIGN_OR_RETURN(
          sql::Statement * st,
          s_.Prepare(UpsertSql(
              s_.backend(), "INSERT INTO contributions (subject, entries)", 2,
              static_cast<int>(end - start),
              "ON CONFLICT (subject) DO UPDATE SET entries = excluded.entries",
              "ON DUPLICATE KEY UPDATE entries = VALUES(entries)")));
      int i = 0;
      for (size_t k = start; k < end; ++k) {
        st->BindText(++i, subjects[k]);
        st->BindText(++i, EncodeEntries(subjects_[subjects[k]]));
      }
      RETURN_IF_ERROR(st->Execute().status());
    }
    return absl::OkStatus();
  }

  // Rows in key order, so concurrent pages lock them in the same order.
  absl::Status FlushFigures() {
    std::vector<std::pair<const FigureKey*, int64_t>> rows;
    for (const auto& [key, value] : changes_)
      if (value != 0) rows.push_back({&key, value});
    for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
      size_t end = std::min(rows.size(), start + kRowsPerStatement);
      ASSIGN_OR_RETURN(
          sql::Statement * st,
          s_.Prepare(UpsertSql(
              s_.backend(),
              "INSERT INTO figures (organisation_id, indicator, scope, "
              "period, value)",
              5, static_cast<int>(end - start),
              "ON CONFLICT (organisation_id, indicator, scope, period) DO "
              "UPDATE SET value = value + excluded.value",
              "ON DUPLICATE KEY UPDATE value = value + VALUES(value)")));
      int i = 0;
      for (size_t k = start; k < end; ++k) {
        const auto& [id, code, scope, period] = *rows[k].first;
        st->BindText(++i, id);
        st->BindText(++i, code);
        st->BindInt(++i, scope);
        st->BindInt(++i, period);
        st->BindInt(++i, rows[k].second);
      }
      RETURN_IF_ERROR(st->Execute().status());
    }
    return absl::OkStatus();
  }

  sql::Session& s_;
  const absl::CivilDay today_;
  std::map<std::string, std::string> paths_;
  std::map<std::string, std::vector<Entry>> subjects_;
  std::set<std::string> dirty_;
  std::map<FigureKey, int64_t> changes_;
};

OrganisationRecord ReadOrganisation(sql::Statement& r) {
  return {
      r.Text(0),    r.Text(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)),
      r.Int(5) != 0};
}

constexpr char kOrganisationColumns[] =
    "id, parent_id, path, name, type, closed";

// period = 0, years from `since_year`, months from its January.
constexpr char kRecentPeriods[] =
    "(period = 0 OR (period >= ? AND period < 10000) OR period >= ?)";

absl::Status ReadRowsInto(sql::Statement& st, FigureRows* rows,
                          std::map<std::string, FigureRows>* by_child) {
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return absl::OkStatus();
    FigureRows& into = by_child ? (*by_child)[st.Text(4)] : *rows;
    into[{st.Text(0), static_cast<Scope>(st.Int(1))}]
        [static_cast<int>(st.Int(2))] = st.Int(3);
  }
}

}  // namespace

absl::Status ApplyEvents(
    sql::Session& s,
    const google::protobuf::RepeatedPtrField<events::v1::Event>& events,
    absl::CivilDay today) {
  PageContext page(s, today);
  for (const events::v1::Event& e : events) {
    absl::StatusOr<Projection> projected = Project(e, page);
    if (!projected.ok()) {
      return absl::Status(projected.status().code(),
                          absl::StrCat("event ", e.sequence(), " (", e.type(),
                                       "): ", projected.status().message()));
    }
    if (projected->organisation)
      RETURN_IF_ERROR(page.SaveOrganisation(*projected->organisation));
    for (Contribution& c : projected->contributions)
      RETURN_IF_ERROR(page.Replace(std::move(c)));
    if (const auto& line = projected->disclosure_line) {
      RETURN_IF_ERROR(page.SaveDisclosureLine(*line));
      RETURN_IF_ERROR(page.CountDues(line->id));
    }
    if (const auto& disclosure = projected->disclosure) {
      RETURN_IF_ERROR(page.SaveDisclosure(*disclosure));
      RETURN_IF_ERROR(page.CountDues(disclosure->line_id));
    }
  }
  return page.Flush();
}

outbox::FeedConsumer::ApplyPage ApplyEventsOn(const Clock& clock) {
  return [&clock](sql::Session& s, const outbox::FeedConsumer::Events& events) {
    return ApplyEvents(s, events, clock.Today());
  };
}

absl::StatusOr<int> CountDuesThrough(sql::Session& s, absl::CivilDay today) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query("SELECT id FROM disclosure_lines WHERE next_due <= "
                           "? ORDER BY id",
                           absl::FormatCivilTime(today)));
  ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      sql::ReadRows<std::string>(
          *st, [](sql::Statement& r) -> absl::StatusOr<std::string> {
            return r.Text(0);
          }));
  PageContext page(s, today);
  for (const std::string& id : ids) RETURN_IF_ERROR(page.CountDues(id));
  RETURN_IF_ERROR(page.Flush());
  return static_cast<int>(ids.size());
}

absl::StatusOr<FigureRows> ReadFigureRows(sql::Session& s,
                                          const std::string& organisation_id,
                                          int since_year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT indicator, scope, period, value FROM "
                           "figures WHERE organisation_id = ? AND ",
                           kRecentPeriods),
              organisation_id, since_year, since_year * 100 + 1));
  FigureRows rows;
  RETURN_IF_ERROR(ReadRowsInto(*st, &rows, nullptr));
  return rows;
}

absl::StatusOr<std::map<std::string, FigureRows>> ReadChildFigureRows(
    sql::Session& s, const std::string& parent_id,
    const std::vector<std::string>& codes, int since_year) {
  std::string in = "?";
  for (size_t i = 1; i < codes.size(); ++i) in += ", ?";
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Prepare(absl::StrCat(
          "SELECT f.indicator, f.scope, f.period, f.value, f.organisation_id "
          "FROM organisations o JOIN figures f ON f.organisation_id = o.id "
          "WHERE o.parent_id = ? AND o.closed = 0 AND f.scope = 1 AND "
          "f.indicator IN (",
          in, ") AND ", kRecentPeriods)));
  int i = 0;
  st->BindText(++i, parent_id);
  for (const std::string& code : codes) st->BindText(++i, code);
  st->BindInt(++i, since_year);
  st->BindInt(++i, since_year * 100 + 1);
  std::map<std::string, FigureRows> by_child;
  RETURN_IF_ERROR(ReadRowsInto(*st, nullptr, &by_child));
  return by_child;
}

absl::StatusOr<std::optional<OrganisationRecord>> FindOrganisation(
    sql::Session& s, const std::string& id) {
  ASSIGN_OR_RETURN(sql::Statement * st,
                   s.Query(absl::StrCat("SELECT ", kOrganisationColumns,
                                        " FROM organisations WHERE id = ?"),
                           id));
  return sql::ReadOne(
      *st, [](sql::Statement& r) -> absl::StatusOr<OrganisationRecord> {
        return ReadOrganisation(r);
      });
}

absl::StatusOr<std::vector<OrganisationRecord>> OpenChildren(
    sql::Session& s, const std::string& parent_id) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kOrganisationColumns,
                           " FROM organisations WHERE parent_id = ? AND "
                           "closed = 0 ORDER BY id"),
              parent_id));
  return sql::ReadRows<OrganisationRecord>(
      *st, [](sql::Statement& r) -> absl::StatusOr<OrganisationRecord> {
        return ReadOrganisation(r);
      });
}

int64_t FlowOver(const std::map<int, int64_t>& rows, absl::CivilMonth first,
                 absl::CivilMonth last) {
  int64_t sum = 0;
  for (auto it = rows.lower_bound(MonthKey(first));
       it != rows.end() && it->first <= MonthKey(last); ++it)
    sum += it->second;
  return sum;
}

int64_t StockAt(const std::map<int, int64_t>& rows, absl::CivilMonth month) {
  // All time, less what came in the years after `month`'s and in the months
  // after it within its year.
  auto all = rows.find(0);
  int64_t stock = all == rows.end() ? 0 : all->second;
  const int year = static_cast<int>(month.year());
  for (auto it = rows.upper_bound(year); it != rows.end() && it->first < 10000;
       ++it)
    stock -= it->second;
  for (auto it = rows.upper_bound(MonthKey(month));
       it != rows.end() && it->first <= year * 100 + 12; ++it)
    stock -= it->second;
  return stock;
}

absl::StatusOr<std::vector<std::string>> FigureTableText(sql::Database& db) {
  return db.Read(
      [](sql::Session& s) -> absl::StatusOr<std::vector<std::string>> {
        ASSIGN_OR_RETURN(
            sql::Statement * st,
            s.Query("SELECT organisation_id, indicator, scope, period, value "
                    "FROM figures WHERE value <> 0 ORDER BY organisation_id, "
                    "indicator, scope, period"));
        return sql::ReadRows<std::string>(
            *st, [](sql::Statement& r) -> absl::StatusOr<std::string> {
              return absl::StrCat(r.Text(0), " ", r.Text(1), " ", r.Int(2), " ",
                                  r.Int(3), " ", r.Int(4));
            });
      });
}

absl::Status ClearReadModel(sql::Database& db) {
  return db.Write([](sql::Session& s) -> absl::Status {
    for (const char* sql :
         {"DELETE FROM figures", "DELETE FROM contributions",
          "DELETE FROM organisations", "DELETE FROM disclosure_lines",
          "DELETE FROM disclosures",
          "DELETE FROM feed_cursors WHERE feed IN ('membership', 'welfare', "
          "'democracy')"}) {
      RETURN_IF_ERROR(s.Execute(sql).status());
    }
    return absl::OkStatus();
  });
}

}  // namespace unionhub::reporting
