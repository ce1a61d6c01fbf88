#include "services/reporting/summaries/summary.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace unionhub::reporting {

std::string Yuan(int64_t fen) {
  const bool negative = fen < 0;
  const uint64_t abs = negative ? 0 - static_cast<uint64_t>(fen) : fen;
  std::string sign = negative ? "-" : "";
  if (abs < 1'000'000) {  // Under 10,000 yuan: whole yuan, or with fen.
    if (abs % 100 == 0) return absl::StrCat(sign, abs / 100, "元");
    return absl::StrFormat("%s%d.%02d元", sign, abs / 100, abs % 100);
  }
  // 万元 to two decimals, rounded half up, trailing zeros dropped.
  const uint64_t hundredths = (abs + 5'000) / 10'000;
  std::string out =
      absl::StrFormat("%d.%02d", hundredths / 100, hundredths % 100);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return absl::StrCat(sign, out, "万元");
}

std::string Percent(const Value& rate) {
  if (rate.denominator <= 0) return "—";
  const __int128 tenths =
      (static_cast<__int128>(rate.value) * 2000 + rate.denominator) /
      (2 * static_cast<__int128>(rate.denominator));
  const int64_t t = static_cast<int64_t>(tenths);
  return absl::StrFormat("%d.%d%%", t / 10, t % 10);
}

namespace {

// Builds one sentence, citing each figure it writes.
class Sentence {
 public:
  Sentence(const FigureLookup& figure, int year)
      : figure_(figure), year_(year) {}

  Sentence& Text(absl::string_view text) {
    absl::StrAppend(&out_.text, text);
    return *this;
  }
  // Writes the figure with `unit` ("人", "件"), or as money or a rate by its
  // indicator's unit.
  Sentence& Figure(const std::string& code, absl::string_view unit = "",
                   bool previous = false) {
    Value v = figure_(code, previous);
    const Indicator* i = FindIndicator(code);
    std::string text;
    if (i != nullptr && i->unit == IndicatorUnit::kFen) {
      text = Yuan(v.value);
    } else if (i != nullptr && i->kind == IndicatorKind::kRate) {
      text = Percent(v);
    } else {
      text = absl::StrCat(v.value, unit);
    }
    if (v.value != 0) nonzero_ = true;
    absl::StrAppend(&out_.text, text);
    out_.figures.push_back(
        {code, true, previous ? year_ - 1 : year_, v, text, {}, false});
    return *this;
  }
  // A clause written only when the figure is not zero.
  Sentence& IfAny(const std::string& code, absl::string_view before,
                  absl::string_view unit, absl::string_view after = "") {
    if (figure_(code, false).value == 0) return *this;
    return Text(before).Figure(code, unit).Text(after);
  }
  bool nonzero() const { return nonzero_; }
  SummarySentence Done() && { return std::move(out_); }

 private:
  const FigureLookup& figure_;
  int year_;
  SummarySentence out_;
  bool nonzero_ = false;
};

void Add(SummarySection& section, Sentence&& s) {
  if (s.nonzero()) section.sentences.push_back(std::move(s).Done());
}

SummarySentence Plain(std::string text) { return {std::move(text), {}}; }

}  // namespace

WorkSummary DraftSummary(const std::string& name, int year,
                         const FigureLookup& figure) {
  WorkSummary w;
  w.organisation_name = name;
  w.year = year;
  auto sentence = [&] { return Sentence(figure, year); };
  auto sum = [&](std::initializer_list<const char*> codes) {
    int64_t total = 0;
    for (const char* c : codes) total += figure(c, false).value;
    return total;
  };

  SummarySection opening{"opening", "", {}, false};
  opening.sentences.push_back(Plain(absl::StrCat(
      year, "年，", name,
      "在上级工会的正确领导下，坚持围绕中心、服务大局，团结带领广大职工"
      "建功立业，维护职工合法权益，服务职工群众，各项工作取得新进展。现将"
      "一年来的工作总结如下。")));
  w.sections.push_back(std::move(opening));

  SummarySection organisation{"organisation", "一、组织建设", {}, false};
  {
    Sentence s = sentence();
    s.Text(absl::StrCat("截至", year, "年底，共有会员"))
        .Figure("members.active", "人")
        .Text("（上年")
        .Figure("members.active", "人", true)
        .Text("），其中女会员")
        .Figure("members.women", "人")
        .IfAny("members.migrant", "、农民工会员", "人")
        .Text("；全年新发展会员")
        .Figure("members.joined", "人")
        .IfAny("members.transferred_in", "，转入会员", "人")
        .Text("。");
    Add(organisation, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("所属基层工会").Figure("organisations.grassroots", "个").Text("。");
    Add(organisation, std::move(s));
  }
  if (figure("enterprises.required", false).value > 0) {
    Sentence s = sentence();
    s.Text("建会台账登记应建会企业")
        .Figure("enterprises.required", "家")
        .Text("，已建会")
        .Figure("enterprises.founded", "家")
        .Text("，建会率")
        .Figure("rate.founding")
        .IfAny("enterprises.founded_in_period", "，全年新建会企业", "家")
        .Text("。");
    Add(organisation, std::move(s));
  }
  w.sections.push_back(std::move(organisation));

  SummarySection democracy{"democracy", "二、民主管理", {}, false};
  {
    Sentence s = sentence();
    s.Text("全年召开教代会（职代会）")
        .Figure("congress.sessions_held", "次")
        .Text("，现有代表")
        .Figure("representatives.seated", "人")
        .Text("，其中女代表")
        .Figure("representatives.women", "人")
        .Text("、一线代表")
        .Figure("representatives.frontline", "人")
        .Text("。");
    Add(democracy, std::move(s));
  }
  if (figure("proposals.received", false).value > 0) {
    Sentence s = sentence();
    s.Text("征集提案")
        .Figure("proposals.received", "件")
        .Text("，其中立案")
        .Figure("proposals.accepted", "件")
        .IfAny("proposals.suggestions", "、转为意见建议", "件")
        .IfAny("proposals.rejected", "、不予立案", "件")
        .IfAny("proposals.merged", "、合并", "件")
        .Text("；已答复")
        .Figure("proposals.replied", "件")
        .Text("，按期答复率")
        .Figure("rate.replied_on_time")
        .Text("，提案人满意率")
        .Figure("rate.satisfaction")
        .Text("。");
    Add(democracy, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("推进校务（厂务）公开，公开事项")
        .Figure("disclosure.published", "项");
    if (figure("disclosure.due", false).value > 0) {
      s.Text("，公开目录应公开")
          .Figure("disclosure.due", "期")
          .Text("，按时公开")
          .Figure("disclosure.on_time", "期")
          .IfAny("disclosure.late", "、逾期公开", "期")
          .IfAny("disclosure.missing", "、尚未公开", "期")
          .Text("，按时公开率")
          .Figure("rate.disclosure_on_time");
    }
    s.IfAny("disclosure.objections", "，收到并答复异议", "件").Text("。");
    Add(democracy, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("有效集体合同")
        .Figure("contracts.in_force", "份")
        .Text("，覆盖职工")
        .Figure("contracts.workers_covered", "人")
        .Text("。");
    Add(democracy, std::move(s));
  }
  w.sections.push_back(std::move(democracy));

  SummarySection rights{"rights", "三、维权帮扶", {}, false};
  if (sum({"hardship.deep", "hardship.relative", "hardship.accident"}) > 0) {
    Sentence s = sentence();
    s.Text("建立困难职工档案，现有深度困难职工")
        .Figure("hardship.deep", "户")
        .Text("、相对困难职工")
        .Figure("hardship.relative", "户")
        .Text("、意外致困职工")
        .Figure("hardship.accident", "户")
        .Text("。");
    Add(rights, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("全年帮扶困难职工")
        .Figure("aid.people", "人次")
        .Text("，发放帮扶资金")
        .Figure("aid.fen")
        .Text("（上年")
        .Figure("aid.fen", "", true)
        .Text("）");
    if (figure("aid.spring_warmth.people", false).value > 0) {
      s.Text("，其中“送温暖”慰问")
          .Figure("aid.spring_warmth.people", "人次")
          .Text("、")
          .Figure("aid.spring_warmth.fen");
    }
    if (figure("aid.student_aid.people", false).value > 0) {
      s.Text("，“金秋助学”资助")
          .Figure("aid.student_aid.people", "人")
          .Text("、")
          .Figure("aid.student_aid.fen");
    }
    s.Text("。");
    Add(rights, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("坚持婚丧嫁娶、生病住院等慰问制度，开展慰问")
        .Figure("condolence.visits", "人次")
        .Text("，发放慰问金")
        .Figure("condolence.fen")
        .Text("。");
    Add(rights, std::move(s));
  }
  {
    Sentence s = sentence();
    s.Text("受理职工来信来访")
        .Figure("cases.letters_received", "件")
        .Text("、维权案件")
        .Figure("cases.rights_received", "件")
        .Text("，办结")
        .Figure("cases.resolved", "件")
        .Text("，按期办结率")
        .Figure("rate.cases_on_time")
        .IfAny("cases.money_recovered_fen", "，为职工追回经济损失", "")
        .Text("。");
    Add(rights, std::move(s));
  }
  w.sections.push_back(std::move(rights));

  SummarySection achievement{"achievement", "四、建功立业", {}, false};
  {
    Sentence s = sentence();
    s.Text("弘扬劳模精神，现有全国劳动模范")
        .Figure("model_workers.national", "人")
        .Text("、省部级劳动模范")
        .Figure("model_workers.provincial", "人")
        .Text("、市级劳动模范")
        .Figure("model_workers.city", "人")
        .Text("。");
    Add(achievement, std::move(s));
  }
  w.sections.push_back(std::move(achievement));

  SummarySection culture{"culture", "五、文体活动", {}, false};
  {
    Sentence s = sentence();
    s.Text("丰富职工文化生活，全年开展各类文体活动")
        .Figure("activities.held", "次")
        .Text("，参与职工")
        .Figure("activities.participants", "人次")
        .Text("。");
    Add(culture, std::move(s));
  }
  w.sections.push_back(std::move(culture));

  SummarySection self{"self", "六、自身建设", {}, false};
  self.sentences.push_back(
      Plain("加强工会干部队伍建设，规范工会经费收支管理，落实工会会务公开，"
            "提升服务职工的能力和水平。"));
  w.sections.push_back(std::move(self));

  w.sections.push_back({"shortcomings",
                        "七、存在不足",
                        {Plain("（请工会填写本年度工作中存在的不足。）")},
                        true});
  w.sections.push_back(
      {"plans",
       "八、下年打算",
       {Plain(absl::StrCat("（请工会填写", year + 1, "年工作打算。）"))},
       true});
  return w;
}

std::string ToMarkdown(const WorkSummary& summary) {
  std::string md = absl::StrCat("# ", summary.organisation_name, summary.year,
                                "年工作总结\n");
  for (const SummarySection& section : summary.sections) {
    if (!section.title.empty())
      absl::StrAppend(&md, "\n## ", section.title, "\n");
    std::string paragraph;
    for (const SummarySentence& sentence : section.sentences) {
      std::string text = sentence.text;
      // Each figure's first occurrence from where the last one ended, bold.
      size_t from = 0;
      for (const CitedFigure& f : sentence.figures) {
        size_t at = text.find(f.text, from);
        if (f.text.empty() || at == std::string::npos) continue;
        text.replace(at, f.text.size(), absl::StrCat("**", f.text, "**"));
        from = at + f.text.size() + 4;
      }
      absl::StrAppend(&paragraph, text);
    }
    if (!paragraph.empty()) absl::StrAppend(&md, "\n", paragraph, "\n");
  }
  return md;
}

}  // namespace unionhub::reporting
