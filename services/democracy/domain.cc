#include "services/democracy/domain.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace unionhub::democracy {

std::string ChineseNumber(int n) {
  static const char* const kDigits[] = {"零", "一", "二", "三", "四",
                                        "五", "六", "七", "八", "九"};
  if (n <= 0 || n > 99) return absl::StrCat(n);
  if (n < 10) return kDigits[n];
  std::string out = n / 10 == 1 ? "" : kDigits[n / 10];
  out += "十";
  if (n % 10 != 0) out += kDigits[n % 10];
  return out;
}

std::string TermName(CongressKind kind, int number) {
  return absl::StrCat("第", ChineseNumber(number), "届",
                      kind == CongressKind::kTeachers ? "教职工" : "职工",
                      "代表大会");
}

std::string SessionName(int term_number, int session_number) {
  return absl::StrCat(ChineseNumber(term_number), "届",
                      ChineseNumber(session_number), "次");
}

AgeBand AgeBandOn(absl::CivilDay birth_date, absl::CivilDay day) {
  int age = static_cast<int>(day.year() - birth_date.year());
  if (day.month() < birth_date.month() ||
      (day.month() == birth_date.month() && day.day() < birth_date.day())) {
    --age;
  }
  if (age < 35) return AgeBand::kUnder35;
  if (age < 50) return AgeBand::k35To49;
  return AgeBand::k50AndOver;
}

Composition Measure(const CompositionCounts& counts,
                    const std::vector<CompositionRule>& rules) {
  Composition c;
  c.counts = counts;
  for (const CompositionRule& rule : rules) {
    CompositionResult r;
    r.rule = rule;
    r.total = counts.seated;
    switch (rule.measure) {
      case CompositionMeasure::kWomen:
        r.count = counts.women;
        break;
      case CompositionMeasure::kYoung:
        r.count = counts.young;
        break;
      default:
        for (const auto& [group, n] : counts.by_group) {
          if (group == rule.group) r.count = n;
        }
    }
    r.met = Keeps(rule, r.count, r.total);
    c.all_rules_met = c.all_rules_met && r.met;
    c.rules.push_back(r);
  }
  return c;
}

namespace {

// The first month of the period holding `month` (1..12).
int PeriodStartMonth(DisclosureFrequency f, int month) {
  if (f == DisclosureFrequency::kQuarterly) return (month - 1) / 3 * 3 + 1;
  if (f == DisclosureFrequency::kYearly) return 1;
  return month;
}

int PeriodMonths(DisclosureFrequency f) {
  return f == DisclosureFrequency::kQuarterly ? 3
         : f == DisclosureFrequency::kYearly  ? 12
                                              : 1;
}

DisclosurePeriod PeriodOf(DisclosureFrequency f, int year, int first_month) {
  absl::CivilMonth first(year, first_month);
  absl::CivilDay last = absl::CivilDay(first + PeriodMonths(f)) - 1;
  std::string key;
  if (f == DisclosureFrequency::kMonthly) {
    key = absl::FormatCivilTime(first);
  } else if (f == DisclosureFrequency::kQuarterly) {
    key = absl::StrCat(year, "-Q", (first_month - 1) / 3 + 1);
  } else {
    key = absl::StrCat(year);
  }
  return {key, last};
}

}  // namespace

std::optional<DisclosurePeriod> ParsePeriod(DisclosureFrequency frequency,
                                            absl::string_view key) {
  int year = 0;
  if (frequency == DisclosureFrequency::kUnspecified ||
      frequency == DisclosureFrequency::kPerEvent || key.size() < 4 ||
      !absl::SimpleAtoi(key.substr(0, 4), &year) || year < 2000 ||
      year > 2100) {
    return std::nullopt;
  }
  for (int month = 1; month <= 12; month += PeriodMonths(frequency)) {
    DisclosurePeriod p = PeriodOf(frequency, year, month);
    if (p.key == key) return p;
  }
  return std::nullopt;
}

std::vector<DisclosurePeriod> PeriodsDue(DisclosureFrequency frequency,
                                         int grace_days, absl::CivilDay from,
                                         absl::CivilDay to) {
  std::vector<DisclosurePeriod> out;
  if (frequency == DisclosureFrequency::kUnspecified ||
      frequency == DisclosureFrequency::kPerEvent || to < from) {
    return out;
  }
  // Start with the period whose due date could first reach `from`.
  absl::CivilMonth month(absl::CivilDay(from - grace_days));
  month = absl::CivilMonth(month.year(),
                           PeriodStartMonth(frequency, month.month()));
  for (;; month += PeriodMonths(frequency)) {
    DisclosurePeriod p =
        PeriodOf(frequency, static_cast<int>(month.year()), month.month());
    absl::CivilDay due = p.last_day + grace_days;
    if (due > to) break;
    if (due >= from) out.push_back(p);
  }
  return out;
}

}  // namespace unionhub::democracy
