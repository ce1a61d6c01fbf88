// Reads of the read model for callers: figures of an organisation and year
// (own and subtree, with the year before), league tables of its children,
// and an indicator month by month. Each read touches a few rows per
// indicator, never the records counted, and only within the caller's
// subtree.
#ifndef UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURES_H_
#define UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURES_H_

#include <map>
#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/errors.h"
#include "libs/sql/database.h"
#include "services/reporting/catalogue/catalogue.h"
#include "services/reporting/period.h"
#include "services/reporting/projection/projection.h"
#include "services/reporting/read_model/read_model.h"

namespace unionhub::reporting {

// A count or sum; for a rate, numerator over denominator.
struct Value {
  int64_t value = 0;
  int64_t denominator = 0;
  friend bool operator==(const Value& a, const Value& b) {
    return a.value == b.value && a.denominator == b.denominator;
  }
};

struct FigureLine {
  std::string code;
  Value own, subtree, previous_own, previous_subtree;
};

struct FiguresAnswer {
  std::string organisation_id;
  std::string organisation_name;  // Empty before membership's feed brings it.
  YearSpan span;
  std::vector<FigureLine> figures;
};

struct RankedChild {
  int rank = 0;
  OrganisationRecord organisation;
  Value value;
  Value previous;
};

struct Ranking {
  YearSpan span;
  std::vector<RankedChild> children;
};

struct MonthValue {
  absl::CivilMonth month;
  Value value;
};

struct Trend {
  YearSpan span;
  std::vector<MonthValue> months;
};

// The organisation a read or a form is about (the caller's own when `id` is
// empty), if the caller covers it: its form checked into `v` (field
// "organisation_id"), NOT_FOUND outside the subtree. The caller's own union
// may not have come through membership's feed yet: then its record holds only
// the id and path (type 0).
absl::StatusOr<OrganisationRecord> VisibleOrganisation(
    sql::Session& s, const auth::Caller& caller, Violations& v,
    const std::string& id);

// The subtree figures of stock and flow indicators `codes` for `span`.
absl::StatusOr<std::map<std::string, int64_t>> SubtreeFigures(
    sql::Session& s, const std::string& organisation_id, const YearSpan& span,
    const std::vector<std::string>& codes);

// An indicator's value from one organisation's figure rows (read_model.h):
// a stock on the last day of `last`, a flow over [first, last], a rate as
// both.
Value ValueOf(const FigureRows& rows, const Indicator& indicator, Scope scope,
              absl::CivilMonth first, absl::CivilMonth last);

struct FiguresOptions {
  // The statistics year's first month (10: October to September).
  int statistics_first_month = 10;
};

class Figures final {
 public:
  Figures(sql::Database* db, FiguresOptions options)
      : db_(db), options_(options) {}

  // `codes` empty: the whole catalogue.
  absl::StatusOr<FiguresAnswer> Get(const auth::Caller& caller,
                                    const std::string& organisation_id,
                                    int year, YearKind kind,
                                    const std::vector<std::string>& codes);
  absl::StatusOr<Ranking> RankChildren(const auth::Caller& caller,
                                       const std::string& organisation_id,
                                       const std::string& code, int year,
                                       YearKind kind, bool ascending);
  absl::StatusOr<Trend> GetTrend(const auth::Caller& caller,
                                 const std::string& organisation_id,
                                 const std::string& code, int year,
                                 YearKind kind, bool own_only);

 private:
  sql::Database* db_;
  FiguresOptions options_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_FIGURES_FIGURES_H_
