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

std::optional<Schedule> ScheduleOf(DisclosureFrequency frequency) {
  switch (frequency) {
    case DisclosureFrequency::kMonthly:
      return Schedule::kMonthly;
    case DisclosureFrequency::kQuarterly:
      return Schedule::kQuarterly;
    case DisclosureFrequency::kYearly:
      return Schedule::kYearly;
    default:
      return std::nullopt;
  }
}

}  // namespace unionhub::democracy
