#include "services/reporting/figures/figures.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "services/reporting/read_model/read_model.h"

namespace unionhub::reporting {
namespace {

constexpr int kMaxCodes = 200;

const Indicator* CheckCode(Violations& v, absl::string_view field,
                           const std::string& code) {
  const Indicator* indicator = FindIndicator(code);
  if (indicator == nullptr) {
    v.Add(field, code.empty() ? "is required"
                              : absl::StrCat("\"", code,
                                             "\" is not an indicator (see "
                                             "ListIndicators)"));
  }
  return indicator;
}

const std::map<int, int64_t>& RowsOf(const FigureRows& rows,
                                     const std::string& code, Scope scope) {
  static const auto* none = new std::map<int, int64_t>();
  auto it = rows.find({code, scope});
  return it == rows.end() ? *none : it->second;
}

// A stock on the last day of `last`; a flow over [first, last].
int64_t Sum(const FigureRows& rows, const Indicator& i, Scope scope,
            absl::CivilMonth first, absl::CivilMonth last) {
  const auto& r = RowsOf(rows, i.code, scope);
  return i.kind == IndicatorKind::kStock ? StockAt(r, last)
                                         : FlowOver(r, first, last);
}

// The indicators a value of `i` is read from.
std::vector<std::string> SourceCodes(const Indicator& i) {
  if (i.kind == IndicatorKind::kRate) return {i.numerator, i.denominator};
  return {i.code};
}

// Larger first; rates (both with a base) by their exact ratio.
bool Larger(const Value& a, const Value& b, bool rate) {
  if (!rate) return a.value > b.value;
  return static_cast<__int128>(a.value) * b.denominator >
         static_cast<__int128>(b.value) * a.denominator;
}

}  // namespace

Value ValueOf(const FigureRows& rows, const Indicator& i, Scope scope,
              absl::CivilMonth first, absl::CivilMonth last) {
  if (i.kind != IndicatorKind::kRate) {
    return {Sum(rows, i, scope, first, last), 0};
  }
  return {Sum(rows, *FindIndicator(i.numerator), scope, first, last),
          Sum(rows, *FindIndicator(i.denominator), scope, first, last)};
}

absl::StatusOr<OrganisationRecord> VisibleOrganisation(
    sql::Session& s, const auth::Caller& caller, Violations& v,
    const std::string& id) {
  std::string root = auth::ListRoot(v, caller, "organisation_id", id);
  RETURN_IF_ERROR(v.Status());
  if (root == caller.organisation_id) {
    ASSIGN_OR_RETURN(std::optional<OrganisationRecord> own,
                     FindOrganisation(s, root));
    if (own) return *own;
    return OrganisationRecord{root, "", caller.organisation_path, "", 0, false};
  }
  return auth::FindVisible(caller, "organisation", "organisation_id", root,
                           &OrganisationRecord::path,
                           [&](absl::string_view id) {
                             return FindOrganisation(s, std::string(id));
                           });
}

absl::StatusOr<std::map<std::string, int64_t>> SubtreeFigures(
    sql::Session& s, const std::string& organisation_id, const YearSpan& span,
    const std::vector<std::string>& codes) {
  ASSIGN_OR_RETURN(
      FigureRows rows,
      ReadFigureRows(s, organisation_id, static_cast<int>(span.first.year())));
  std::map<std::string, int64_t> out;
  for (const std::string& code : codes) {
    const Indicator* i = FindIndicator(code);
    if (i == nullptr || i->kind == IndicatorKind::kRate) {
      return absl::InternalError(absl::StrCat(code, " is no stock or flow"));
    }
    out[code] = Sum(rows, *i, Scope::kSubtree, span.first, span.last);
  }
  return out;
}

absl::StatusOr<FiguresAnswer> Figures::Get(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    YearKind kind, const std::vector<std::string>& codes) {
  Violations v;
  absl::StatusOr<YearSpan> span =
      SpanOf(year, kind, options_.statistics_first_month);
  v.Merge("year", span.status());
  std::vector<const Indicator*> wanted;
  if (codes.size() > kMaxCodes) {
    v.Add("indicator_codes", absl::StrCat("at most ", kMaxCodes, " codes"));
  } else if (codes.empty()) {
    for (const Indicator& i : Catalogue()) wanted.push_back(&i);
  }
  for (size_t k = 0; k < codes.size() && codes.size() <= kMaxCodes; ++k) {
    wanted.push_back(
        CheckCode(v, absl::StrCat("indicator_codes[", k, "]"), codes[k]));
  }
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<FiguresAnswer> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     VisibleOrganisation(s, caller, v, organisation_id));
    const std::string& id = o.id;
    const YearSpan previous = span->previous();
    ASSIGN_OR_RETURN(
        FigureRows rows,
        ReadFigureRows(s, id, static_cast<int>(previous.first.year())));
    FiguresAnswer answer{id, o.name, *span, {}};
    for (const Indicator* i : wanted) {
      answer.figures.push_back(
          {i->code, ValueOf(rows, *i, Scope::kOwn, span->first, span->last),
           ValueOf(rows, *i, Scope::kSubtree, span->first, span->last),
           ValueOf(rows, *i, Scope::kOwn, previous.first, previous.last),
           ValueOf(rows, *i, Scope::kSubtree, previous.first, previous.last)});
    }
    return answer;
  });
}

absl::StatusOr<Ranking> Figures::RankChildren(
    const auth::Caller& caller, const std::string& organisation_id,
    const std::string& code, int year, YearKind kind, bool ascending) {
  Violations v;
  absl::StatusOr<YearSpan> span =
      SpanOf(year, kind, options_.statistics_first_month);
  v.Merge("year", span.status());
  const Indicator* indicator = CheckCode(v, "indicator_code", code);
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Ranking> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     VisibleOrganisation(s, caller, v, organisation_id));
    const std::string& id = o.id;
    const YearSpan previous = span->previous();
    ASSIGN_OR_RETURN(std::vector<OrganisationRecord> children,
                     OpenChildren(s, id));
    ASSIGN_OR_RETURN(auto rows, ReadChildFigureRows(
                                    s, id, SourceCodes(*indicator),
                                    static_cast<int>(previous.first.year())));
    Ranking ranking{*span, {}};
    for (OrganisationRecord& child : children) {
      const FigureRows& r = rows[child.id];
      ranking.children.push_back(
          {0, std::move(child),
           ValueOf(r, *indicator, Scope::kSubtree, span->first, span->last),
           ValueOf(r, *indicator, Scope::kSubtree, previous.first,
                   previous.last)});
    }
    const bool rate = indicator->kind == IndicatorKind::kRate;
    auto first = [&](const RankedChild& a, const RankedChild& b) {
      bool no_base_a = rate && a.value.denominator == 0;
      bool no_base_b = rate && b.value.denominator == 0;
      if (no_base_a != no_base_b) return no_base_b;  // No base: always last.
      return ascending ? Larger(b.value, a.value, rate)
                       : Larger(a.value, b.value, rate);
    };
    std::stable_sort(ranking.children.begin(), ranking.children.end(), first);
    for (size_t k = 0; k < ranking.children.size(); ++k) {
      RankedChild& c = ranking.children[k];
      bool tie = k > 0 && !first(ranking.children[k - 1], c) &&
                 !first(c, ranking.children[k - 1]);
      c.rank = tie ? ranking.children[k - 1].rank : static_cast<int>(k + 1);
    }
    return ranking;
  });
}

absl::StatusOr<Trend> Figures::GetTrend(const auth::Caller& caller,
                                        const std::string& organisation_id,
                                        const std::string& code, int year,
                                        YearKind kind, bool own_only) {
  Violations v;
  absl::StatusOr<YearSpan> span =
      SpanOf(year, kind, options_.statistics_first_month);
  v.Merge("year", span.status());
  const Indicator* indicator = CheckCode(v, "indicator_code", code);
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Trend> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     VisibleOrganisation(s, caller, v, organisation_id));
    const std::string& id = o.id;
    ASSIGN_OR_RETURN(
        FigureRows rows,
        ReadFigureRows(s, id, static_cast<int>(span->first.year())));
    const Scope scope = own_only ? Scope::kOwn : Scope::kSubtree;
    Trend trend{*span, {}};
    for (absl::CivilMonth m = span->first; m <= span->last; ++m) {
      // A flow within the month; a rate's flows from the year's start, so
      // its months read as the year so far.
      absl::CivilMonth from =
          indicator->kind == IndicatorKind::kRate ? span->first : m;
      trend.months.push_back({m, ValueOf(rows, *indicator, scope, from, m)});
    }
    return trend;
  });
}

}  // namespace unionhub::reporting
