#include "services/democracy/demo.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"

namespace unionhub::democracy {
namespace {

constexpr int kTermNumber = 3;
constexpr size_t kMaxRepresentatives = 30;
constexpr size_t kMinMembers = 12;

struct DemoProposal {
  const char* title;
  const char* content;
  // What the committee decides: accept, suggestion, reject, or merge into
  // the first proposal.
  enum { kAccept, kSuggestion, kReject, kMerge } triage;
  const char* department;
  ProposalRating rating;
};

const DemoProposal kProposals[] = {
    {"关于改善教工食堂伙食的建议", "食堂菜品单一，建议增加窗口并公开账目。",
     DemoProposal::kAccept, "总务处", ProposalRating::kSatisfied},
    {"关于完善绩效考核办法的建议", "建议将班主任工作量纳入绩效考核。",
     DemoProposal::kAccept, "人事处", ProposalRating::kBasicallySatisfied},
    {"关于增加青年教师培训的建议", "建议每学期组织青年教师外出培训。",
     DemoProposal::kAccept, "教务处", ProposalRating::kUnsatisfied},
    {"关于教职工年度体检的建议", "建议增加体检项目，安排在寒假前。",
     DemoProposal::kAccept, "校长办公室", ProposalRating::kSatisfied},
    {"关于校园停车管理的意见", "建议规划教职工停车区域。",
     DemoProposal::kSuggestion, "", ProposalRating::kUnspecified},
    {"关于图书馆开放时间的意见", "建议周末开放图书馆。",
     DemoProposal::kSuggestion, "", ProposalRating::kUnspecified},
    {"关于提高个人福利标准的要求", "要求提高个人补贴。", DemoProposal::kReject,
     "", ProposalRating::kUnspecified},
    {"关于食堂增加夜宵的建议", "晚自习值班教师需要夜宵。", DemoProposal::kMerge,
     "", ProposalRating::kUnspecified},
};

class Loader {
 public:
  Loader(const DemoServices& s, const clients::DemoUnions::School& school,
         bool with_contract, FakeClock* clock, absl::CivilDay today)
      : s_(s),
        school_(school),
        admin_(school.admin),
        with_contract_(with_contract),
        clock_(clock),
        today_(today),
        y_(static_cast<int>(today.year())) {}

  absl::Status Load() {
    ASSIGN_OR_RETURN(Page<CongressTerm> terms,
                     s_.congress->ListTerms(admin_, school_.id, 50, ""));
    for (const CongressTerm& t : terms.items) {
      if (t.number == kTermNumber) return absl::OkStatus();  // Loaded before.
    }
    RETURN_IF_ERROR(TermAndRepresentatives());
    RETURN_IF_ERROR(FirstSession());
    RETURN_IF_ERROR(SecondSession());
    RETURN_IF_ERROR(ThirdSession());
    RETURN_IF_ERROR(DisclosureItems());
    return AwardsWithObjection();
  }

 private:
  // Moves the clock to 10:00 on `day`; false (and nothing to record) when
  // the day is after today.
  bool At(absl::CivilDay day) {
    if (day > today_) return false;
    clock_->Set(absl::FromCivil(
        absl::CivilSecond(day.year(), day.month(), day.day(), 10, 0, 0),
        BeijingTime()));
    return true;
  }
  static absl::CivilDay Day(int year, int month, int day) {
    return absl::CivilDay(year, month, day);
  }
  static std::string Date(int year, int month, int day) {
    return FormatDate(Day(year, month, day));
  }

  absl::Status TermAndRepresentatives() {
    const int start = y_ - 2;
    At(Day(start, 6, 20));
    NewTerm t;
    t.organisation_id = school_.id;
    t.kind = CongressKind::kTeachers;
    t.number = kTermNumber;
    t.start_date = Date(start, 9, 1);
    t.end_date = Date(start + 3, 8, 31);
    t.composition_rules = {
        {CompositionMeasure::kGroup, RepresentativeGroup::kTeacher,
         CompositionBound::kAtLeast, 6000},
        {CompositionMeasure::kGroup, RepresentativeGroup::kManager,
         CompositionBound::kAtMost, 2000},
        {CompositionMeasure::kWomen, RepresentativeGroup::kUnspecified,
         CompositionBound::kAtLeast, 5000},
        {CompositionMeasure::kYoung, RepresentativeGroup::kUnspecified,
         CompositionBound::kAtLeast, 1500}};
    ASSIGN_OR_RETURN(term_, s_.congress->CreateTerm(admin_, {}, t));
    const size_t n = std::min(kMaxRepresentatives, school_.person_ids.size());
    for (size_t i = 0; i < n; ++i) {
      const int g = static_cast<int>(i % 10);
      RepresentativeGroup group = g < 7    ? RepresentativeGroup::kTeacher
                                  : g == 7 ? RepresentativeGroup::kManager
                                           : RepresentativeGroup::kFrontline;
      ASSIGN_OR_RETURN(
          Representative r,
          s_.representatives->Elect(
              admin_, {},
              {term_.id, school_.person_ids[i], group,
               absl::StrCat("第", ChineseNumber(static_cast<int>(i % 3) + 1),
                            "代表团"),
               Date(start, 6, 20)}));
      representatives_.push_back(r.id);
    }
    At(Day(start, 8, 30));
    for (const std::string& id : representatives_) {
      RETURN_IF_ERROR(
          s_.representatives->Review(admin_, id, true, "", "").status());
    }
    return s_.representatives
        ->CompleteReview(admin_, term_.id, Date(start, 8, 30),
                         "经代表资格审查委员会审查，全体代表资格有效。", "")
        .status();
  }

  // Plans a session of one day (collecting proposals in the window, if
  // one is given).
  absl::StatusOr<CongressSession> Plan(absl::CivilDay day,
                                       std::string window_start = "",
                                       std::string window_end = "") {
    return s_.congress->CreateSession(
        admin_, {},
        {term_.id, FormatDate(day), FormatDate(day), std::move(window_start),
         std::move(window_end)});
  }

  // Opens a planned session on its day with all but the last two
  // representatives present (one excused, one absent).
  absl::StatusOr<CongressSession> OpenAndAttend(const CongressSession& c) {
    ASSIGN_OR_RETURN(CongressSession open,
                     s_.congress->OpenSession(admin_, c.id, ""));
    std::vector<Attendance> entries;
    for (size_t i = 0; i < representatives_.size(); ++i) {
      AttendanceStatus status = AttendanceStatus::kPresent;
      if (i + 2 == representatives_.size()) status = AttendanceStatus::kExcused;
      if (i + 1 == representatives_.size()) status = AttendanceStatus::kAbsent;
      entries.push_back({representatives_[i], status,
                         status == AttendanceStatus::kExcused ? "病假" : ""});
    }
    RETURN_IF_ERROR(
        s_.meetings->RecordAttendance(admin_, open.id, entries).status());
    return open;
  }

  // Puts an item to the session and votes on it: all present for but
  // `against` and one abstention; closed with `resolution`.
  absl::StatusOr<Vote> Decide(const CongressSession& c, AgendaItemKind kind,
                              const std::string& title, int against,
                              const std::string& resolution) {
    ASSIGN_OR_RETURN(AgendaItem item,
                     s_.meetings->AddItem(admin_, {}, {c.id, kind, title, ""}));
    ASSIGN_OR_RETURN(Vote vote,
                     s_.meetings->OpenVote(admin_, {}, item.id,
                                           absl::StrCat("是否通过", title)));
    const size_t present = representatives_.size() - 2;
    for (size_t i = 0; i < present; ++i) {
      VoteChoice choice = i < static_cast<size_t>(against)
                              ? VoteChoice::kAgainst
                          : i + 1 == present ? VoteChoice::kAbstain
                                             : VoteChoice::kFor;
      RETURN_IF_ERROR(
          s_.meetings->Cast(admin_, vote.id, representatives_[i], choice)
              .status());
    }
    return s_.meetings->CloseVote(admin_, vote.id, resolution);
  }

  // 三届一次 in September two years ago; at the first school the
  // collective contract negotiated that month is approved there.
  absl::Status FirstSession() {
    const int year = y_ - 2;
    At(Day(year, 9, 1));
    ASSIGN_OR_RETURN(CongressSession c, Plan(Day(year, 9, 20)));
    std::string contract_id;
    if (with_contract_) {
      At(Day(year, 9, 10));
      ASSIGN_OR_RETURN(CollectiveContract draft,
                       s_.contracts->Create(
                           admin_, {},
                           {school_.id,
                            ContractKind::kComprehensive,
                            "学校",
                            {absl::StrCat(year, "—", year + 3, "年度集体合同"),
                             Date(year, 10, 1), Date(year + 3, 9, 30),
                             static_cast<int>(school_.person_ids.size())}}));
      contract_id = draft.id;
    }
    At(Day(year, 9, 20));
    ASSIGN_OR_RETURN(c, OpenAndAttend(c));
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kWorkReport, "学校工作报告", 1,
                           "通过学校工作报告")
                        .status());
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kFinancialReport, "财务工作报告",
                           2, "通过财务工作报告")
                        .status());
    if (!contract_id.empty()) {
      ASSIGN_OR_RETURN(Vote vote,
                       Decide(c, AgendaItemKind::kCollectiveContract,
                              "集体合同（草案）", 0, "通过学校集体合同"));
      RETURN_IF_ERROR(
          s_.contracts->Approve(admin_, contract_id, vote.id, "").status());
    }
    return s_.congress->CloseSession(admin_, c.id, "").status();
  }

  absl::Status SecondSession() {
    const int year = y_ - 1;
    if (!At(Day(year, 3, 1))) return absl::OkStatus();
    ASSIGN_OR_RETURN(CongressSession c, Plan(Day(year, 3, 27)));
    if (!At(Day(year, 3, 27))) return absl::OkStatus();
    ASSIGN_OR_RETURN(c, OpenAndAttend(c));
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kWorkReport, "学校工作报告", 0,
                           "通过学校工作报告")
                        .status());
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kPlan, "绩效工资分配方案", 3,
                           "通过《绩效工资分配方案》")
                        .status());
    return s_.congress->CloseSession(admin_, c.id, "").status();
  }

  absl::Status ThirdSession() {
    const int year = y_;
    if (!At(Day(year, 3, 1))) return absl::OkStatus();
    ASSIGN_OR_RETURN(CongressSession c, Plan(Day(year, 3, 27), Date(year, 3, 1),
                                             Date(year, 3, 25)));
    RETURN_IF_ERROR(
        s_.proposals
            ->SetDepartments(admin_, school_.id,
                             {"教务处", "总务处", "人事处", "校长办公室"})
            .status());
    // Forms come in during the window, each with two co-signers.
    if (!At(Day(year, 3, 10))) return absl::OkStatus();
    std::vector<Proposal> forms;
    const size_t n = representatives_.size();
    for (size_t i = 0; i < std::size(kProposals); ++i) {
      ASSIGN_OR_RETURN(Proposal p,
                       s_.proposals->Submit(admin_, {},
                                            {c.id,
                                             kProposals[i].title,
                                             kProposals[i].content,
                                             representatives_[i % n],
                                             {representatives_[(i + 1) % n],
                                              representatives_[(i + 2) % n]}}));
      forms.push_back(p);
    }
    // The proposal committee meets the day before the session.
    if (!At(Day(year, 3, 26))) return absl::OkStatus();
    for (size_t i = 0; i < forms.size(); ++i) {
      const DemoProposal& d = kProposals[i];
      if (d.triage == DemoProposal::kMerge) {
        RETURN_IF_ERROR(
            s_.proposals->Merge(admin_, forms[0].id, {forms[i].id}).status());
        continue;
      }
      TriageOutcome outcome =
          d.triage == DemoProposal::kAccept       ? TriageOutcome::kAccept
          : d.triage == DemoProposal::kSuggestion ? TriageOutcome::kSuggestion
                                                  : TriageOutcome::kReject;
      const char* reason =
          d.triage == DemoProposal::kSuggestion ? "作为意见建议转有关部门参考"
          : d.triage == DemoProposal::kReject ? "属个人待遇诉求，不属提案范围"
                                              : "";
      RETURN_IF_ERROR(
          s_.proposals->Triage(admin_, forms[i].id, outcome, reason, "")
              .status());
    }
    if (!At(Day(year, 3, 27))) return absl::OkStatus();
    ASSIGN_OR_RETURN(c, OpenAndAttend(c));
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kWorkReport, "学校工作报告", 0,
                           "通过学校工作报告")
                        .status());
    RETURN_IF_ERROR(Decide(c, AgendaItemKind::kFinancialReport, "财务工作报告",
                           1, "通过财务工作报告")
                        .status());
    RETURN_IF_ERROR(Evaluation(c));
    RETURN_IF_ERROR(s_.congress->CloseSession(admin_, c.id, "").status());
    return Answers(c, forms);
  }

  // The representatives present rate the school's leaders.
  absl::Status Evaluation(const CongressSession& c) {
    ASSIGN_OR_RETURN(
        EvaluationRound round,
        s_.evaluations->Create(admin_, {},
                               {c.id,
                                absl::StrCat(y_ - 1, "年度校级领导民主测评"),
                                {{"王建国", "校长"},
                                 {"李红梅", "党支部书记"},
                                 {"赵志强", "副校长"}}}));
    const size_t present = representatives_.size() - 2;
    for (size_t i = 0; i < present; ++i) {
      std::vector<EvaluationRating> ratings;
      for (size_t leader = 0; leader < 3; ++leader) {
        const size_t k = (i * 7 + leader * 3) % 10;
        ratings.push_back(k < 6   ? EvaluationRating::kExcellent
                          : k < 9 ? EvaluationRating::kCompetent
                                  : EvaluationRating::kBasicallyCompetent);
      }
      RETURN_IF_ERROR(
          s_.evaluations->Cast(admin_, round.id, representatives_[i], ratings)
              .status());
    }
    return s_.evaluations->Close(admin_, round.id).status();
  }

  // The departments answer the accepted proposals after the session; the
  // proposers rate the replies, one is re-opened once; the results are
  // published in June.
  absl::Status Answers(const CongressSession& c,
                       const std::vector<Proposal>& forms) {
    const int year = y_;
    std::vector<size_t> accepted;
    for (size_t i = 0; i < forms.size(); ++i) {
      if (kProposals[i].triage == DemoProposal::kAccept) accepted.push_back(i);
    }
    if (!At(Day(year, 3, 28))) return absl::OkStatus();
    for (size_t i : accepted) {
      RETURN_IF_ERROR(s_.proposals
                          ->Assign(admin_, forms[i].id,
                                   kProposals[i].department, Date(year, 4, 30),
                                   "")
                          .status());
    }
    // All on time but the last, answered ten days late.
    for (size_t k = 0; k < accepted.size(); ++k) {
      const size_t i = accepted[k];
      const bool late = k + 1 == accepted.size();
      if (!At(late ? Day(year, 5, 10) : Day(year, 4, 20)))
        return absl::OkStatus();
      RETURN_IF_ERROR(s_.proposals
                          ->Reply(admin_, forms[i].id,
                                  absl::StrCat(kProposals[i].department,
                                               "已研究落实，具体措施见附件。"),
                                  FormatDate(clock_->Today()), "")
                          .status());
    }
    if (!At(Day(year, 5, 15))) return absl::OkStatus();
    for (size_t i : accepted) {
      RETURN_IF_ERROR(s_.proposals
                          ->Rate(admin_, forms[i].id, kProposals[i].rating, "",
                                 Date(year, 6, 15), "")
                          .status());
    }
    if (!At(Day(year, 6, 1))) return absl::OkStatus();
    for (size_t i : accepted) {
      if (kProposals[i].rating != ProposalRating::kUnsatisfied) continue;
      RETURN_IF_ERROR(s_.proposals
                          ->Reply(admin_, forms[i].id,
                                  "已增加暑期培训名额，下学期起每学期一次。",
                                  Date(year, 6, 1), "")
                          .status());
      RETURN_IF_ERROR(s_.proposals
                          ->Rate(admin_, forms[i].id,
                                 ProposalRating::kBasicallySatisfied, "", "",
                                 "")
                          .status());
    }
    if (!At(Day(year, 6, 20))) return absl::OkStatus();
    return s_.proposals->Publish(admin_, c.id, Date(year, 6, 20)).status();
  }

  // The catalogue from January last year: finances each quarter (due 15
  // days after it; one quarter late), performance pay each year, awards as
  // they are decided (this September's with an objection, answered).
  absl::Status DisclosureItems() {
    const int last = y_ - 1;
    if (!At(Day(last, 1, 5))) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        DisclosureCatalogueEntry finance,
        s_.disclosure->CreateEntry(
            admin_, {},
            {school_.id, DisclosureCategory::kFinance, "学校财务收支情况",
             DisclosureFrequency::kQuarterly, 15}));
    ASSIGN_OR_RETURN(
        DisclosureCatalogueEntry pay,
        s_.disclosure->CreateEntry(
            admin_, {},
            {school_.id, DisclosureCategory::kPerformancePay,
             "绩效工资分配结果", DisclosureFrequency::kYearly, 30}));
    RETURN_IF_ERROR(
        s_.disclosure
            ->CreateEntry(admin_, {},
                          {school_.id, DisclosureCategory::kAwards,
                           "评优评先结果", DisclosureFrequency::kPerEvent, 0})
            .status());
    // From the last quarter and year before the catalogue on.
    for (int year = last - 1; year <= y_; ++year) {
      for (int quarter = year < last ? 4 : 1; quarter <= 4; ++quarter) {
        // Published on the 10th after the quarter (last year's third
        // quarter on the 25th: late).
        const bool late = year == last && quarter == 3;
        absl::CivilDay on =
            absl::CivilDay(absl::CivilMonth(year, quarter * 3) + 1) +
            (late ? 24 : 9);
        if (!At(on)) return absl::OkStatus();
        RETURN_IF_ERROR(Publish(
            finance, absl::StrCat(year, "-Q", quarter),
            absl::StrCat(year, "年第", quarter, "季度财务收支公示"), on));
        if (quarter == 4) {
          // The year's performance pay, ten days after its last quarter.
          if (!At(on + 10)) return absl::OkStatus();
          RETURN_IF_ERROR(
              Publish(pay, absl::StrCat(year),
                      absl::StrCat(year, "年度绩效工资分配结果公示"), on + 10));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status Publish(const DisclosureCatalogueEntry& entry,
                       const std::string& period, const std::string& title,
                       absl::CivilDay on) {
    NewDisclosureItem n;
    n.organisation_id = school_.id;
    n.catalogue_entry_id = entry.id;
    n.period = period;
    n.title = title;
    n.content = "详见公示附件，如有异议请于公示期内向学校工会反映。";
    n.publicity_start_date = FormatDate(on);
    n.publicity_end_date = FormatDate(on + 6);
    return s_.disclosure->Publish(admin_, {}, n).status();
  }

  absl::Status AwardsWithObjection() {
    const int year = y_;
    if (!At(Day(year, 9, 10))) return absl::OkStatus();
    NewDisclosureItem n;
    n.organisation_id = school_.id;
    n.category = DisclosureCategory::kAwards;
    n.title = absl::StrCat(year, "年度优秀教师评选结果公示");
    n.content = "经教职工推荐、评审小组评议，拟评选5名优秀教师。";
    n.publicity_start_date = Date(year, 9, 10);
    n.publicity_end_date = Date(year, 9, 16);
    ASSIGN_OR_RETURN(DisclosureItem item,
                     s_.disclosure->Publish(admin_, {}, n));
    if (!At(Day(year, 9, 12))) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        DisclosureObjection objection,
        s_.disclosure->FileObjection(
            admin_, {},
            {item.id, Date(year, 9, 12), "评选名额在各年级组之间分配不均。"}));
    if (!At(Day(year, 9, 14))) return absl::OkStatus();
    return s_.disclosure
        ->AnswerObjection(admin_, objection.id,
                          "名额按各年级组教师人数分配，经核实无误。",
                          Date(year, 9, 14), false)
        .status();
  }

  const DemoServices& s_;
  const clients::DemoUnions::School& school_;
  const auth::Caller& admin_;
  const bool with_contract_;
  FakeClock* clock_;
  const absl::CivilDay today_;
  const int y_;
  CongressTerm term_;
  std::vector<std::string> representatives_;
};

}  // namespace

absl::Status LoadDemoData(const DemoServices& services,
                          const clients::DemoUnions& unions, FakeClock* clock,
                          absl::CivilDay today) {
  bool first = true;
  for (const clients::DemoUnions::School& school : unions.schools) {
    if (school.person_ids.size() < kMinMembers) continue;
    RETURN_IF_ERROR(Loader(services, school, first, clock, today).Load());
    first = false;
  }
  return absl::OkStatus();
}

}  // namespace unionhub::democracy
