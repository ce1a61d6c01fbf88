// The annual work summary (工作总结): drafted in the customary structure from
// the read model's figures, each sentence carrying the figures it states, and
// rendered as Markdown. Pure: the figures come in through a function.
#ifndef UNIONHUB_SERVICES_REPORTING_SUMMARIES_SUMMARY_H_
#define UNIONHUB_SERVICES_REPORTING_SUMMARIES_SUMMARY_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/reporting/figures/figures.h"

namespace unionhub::reporting {

struct CitedFigure {
  std::string code;
  bool subtree = true;
  int year = 0;
  Value value;
  std::string text;  // As the sentence writes it: "385人", "3.6万元".
  Value current;     // Filled when a saved version is read.
  bool changed = false;
};

struct SummarySentence {
  std::string text;
  std::vector<CitedFigure> figures;
};

struct SummarySection {
  std::string code;
  std::string title;
  std::vector<SummarySentence> sentences;
  bool left_for_officer = false;
};

struct WorkSummary {
  std::string organisation_id;
  std::string organisation_name;
  int year = 0;
  int version = 0;
  std::vector<SummarySection> sections;
  std::string key_id;
  absl::Time create_time = absl::InfinitePast();
  bool figures_changed = false;
};

// The subtree value of an indicator for the work year (`previous`: the year
// before).
using FigureLookup =
    std::function<Value(const std::string& code, bool previous)>;

// The draft: opening; 一、组织建设; 二、民主管理; 三、维权帮扶; 四、建功立业;
// 五、文体活动; 六、自身建设; 七、存在不足 and 八、下年打算 (left for the
// officer). A sentence whose figures are all zero is left out.
WorkSummary DraftSummary(const std::string& organisation_name, int year,
                         const FigureLookup& figure);

// "# 名称2026年工作总结", the sections as "## 一、组织建设", figures in bold.
std::string ToMarkdown(const WorkSummary& summary);

// How a sentence writes money: "800元", "3.6万元" (fen in, rounded to
// 0.01 万元 above ten thousand yuan).
std::string Yuan(int64_t fen);
// A rate as a percentage with one decimal ("91.7%"); "—" without a base.
std::string Percent(const Value& rate);

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_SUMMARIES_SUMMARY_H_
