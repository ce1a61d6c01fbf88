#include "services/reporting/statistics/form.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace unionhub::reporting {

const std::vector<FieldDefinition>& FormDefinition() {
  static const auto* lines = new std::vector<FieldDefinition>{
      {"employees", "职工人数", {}},
      {"women_employees", "女职工人数", {}},
      {"members", "会员人数", {"members.active"}},
      {"women_members", "女会员人数", {"members.women"}},
      {"migrant_members", "农民工会员人数", {"members.migrant"}},
      {"new_members", "本年新发展会员", {"members.joined"}},
      {"full_time_officers", "专职工会干部人数", {}},
      {"hardship_files",
       "困难职工档案数",
       {"hardship.deep", "hardship.relative", "hardship.accident"}},
      {"aid_people", "帮扶困难职工人次", {"aid.people"}},
      {"aid_fen", "帮扶资金（分）", {"aid.fen"}},
      {"congress_sessions",
       "召开职代会/教代会次数",
       {"congress.sessions_held"}},
      {"proposals", "征集提案件数", {"proposals.received"}},
      {"contracts_in_force", "有效集体合同份数", {"contracts.in_force"}},
      {"contract_workers",
       "集体合同覆盖职工人数",
       {"contracts.workers_covered"}},
  };
  return *lines;
}

const FieldDefinition* FindField(const std::string& code) {
  for (const FieldDefinition& f : FormDefinition())
    if (f.code == code) return &f;
  return nullptr;
}

std::string FormStatusName(FormStatus s) {
  switch (s) {
    case FormStatus::kDraft:
      return "填报中";
    case FormStatus::kSubmitted:
      return "已上报";
    case FormStatus::kReturned:
      return "已退回";
    case FormStatus::kApproved:
      return "已审核";
    case FormStatus::kExempt:
      return "免报";
    default:
      return "未填报";
  }
}

namespace {

int64_t ValueOf(const std::vector<FormField>& fields, const std::string& code) {
  for (const FormField& f : fields)
    if (f.code == code) return f.value;
  return 0;
}

std::string NameOf(const std::string& code) {
  const FieldDefinition* f = FindField(code);
  return f == nullptr ? code : f->name_zh;
}

}  // namespace

std::vector<FormProblem> CheckForm(const std::vector<FormField>& fields,
                                   bool roll_up, int variance_basis_points) {
  std::vector<FormProblem> problems;
  auto at_most = [&](const std::string& part, const std::string& whole,
                     absl::string_view why) {
    if (ValueOf(fields, part) > ValueOf(fields, whole)) {
      problems.push_back(
          {{part, whole},
           absl::StrCat(NameOf(part), "（", ValueOf(fields, part), "）不能多于",
                        NameOf(whole), "（", ValueOf(fields, whole), "）", why),
           true});
    }
  };
  at_most("women_members", "members", "");
  at_most("migrant_members", "members", "");
  at_most("women_employees", "employees", "");
  at_most("women_members", "women_employees", "");
  // 入会率 = members / employees lies between 0 and 1.
  at_most("members", "employees", "：入会率须在0到1之间");
  at_most("contract_workers", "employees", "");
  at_most("full_time_officers", "employees", "");
  if (!roll_up && ValueOf(fields, "employees") == 0) {
    problems.push_back(
        {{"employees"}, "请填写职工人数（本单位年末在册职工）", true});
  }
  for (const FormField& f : fields) {
    if (!f.last_year_value || *f.last_year_value <= 0) continue;
    const int64_t last = *f.last_year_value;
    const int64_t change = std::llabs(f.value - last);
    if (change * 10'000 <= last * variance_basis_points) continue;
    const bool explained = !f.explanation.empty();
    problems.push_back({{f.code},
                        absl::StrCat(f.name_zh, "比上年已审核数（", last,
                                     "）变动", change * 100 / last, "%，超过",
                                     variance_basis_points / 100, "%",
                                     explained ? "，已说明" : "，请说明原因"),
                        !explained});
  }
  return problems;
}

}  // namespace unionhub::reporting
