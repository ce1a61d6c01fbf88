#include "services/reporting/catalogue/catalogue.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace unionhub::reporting {
namespace {

using K = IndicatorKind;
using U = IndicatorUnit;

Indicator Stock(std::string code, std::string zh, std::string en, U unit,
                std::string area, std::string definition) {
  return {std::move(code),
          std::move(zh),
          std::move(en),
          K::kStock,
          unit,
          std::move(area),
          std::move(definition),
          "",
          ""};
}

Indicator Flow(std::string code, std::string zh, std::string en, U unit,
               std::string area, std::string definition) {
  return {std::move(code),
          std::move(zh),
          std::move(en),
          K::kFlow,
          unit,
          std::move(area),
          std::move(definition),
          "",
          ""};
}

Indicator Rate(std::string code, std::string zh, std::string en,
               std::string area, std::string numerator, std::string denominator,
               std::string definition) {
  return {std::move(code),
          std::move(zh),
          std::move(en),
          K::kRate,
          U::kRatio,
          std::move(area),
          std::move(definition),
          std::move(numerator),
          std::move(denominator)};
}

std::vector<Indicator> Build() {
  std::vector<Indicator> all = {
      // 组织建设
      Stock("organisations.grassroots", "基层工会数", "Grassroots unions",
            U::kCount, "organisation",
            "Open grassroots unions on the period's last day, counted from the "
            "month they were registered until the month they were closed."),
      Stock("members.active", "会员人数", "Members", U::kPeople, "organisation",
            "Active members on the period's last day: from the join date (or "
            "the date of a transfer in) until the date they retired, left, "
            "died or transferred out."),
      Stock("members.women", "女会员人数", "Women members", U::kPeople,
            "organisation", "Active members who are women, as members.active."),
      Stock("members.migrant", "农民工会员人数", "Migrant-worker members",
            U::kPeople, "organisation",
            "Active members employed as migrant workers (农民工), as "
            "members.active."),
      Flow("members.joined", "新发展会员", "Members joined", U::kPeople,
           "organisation",
           "Members whose join date lies in the period (transfers in "
           "excluded)."),
      Flow("members.transferred_in", "转入会员", "Members transferred in",
           U::kPeople, "organisation",
           "Members received by transfer, by the transfer's effective date."),
      Flow("members.departed", "减少会员", "Members departed", U::kPeople,
           "organisation",
           "Memberships that ended in the period (retired, left, died or "
           "transferred out), by the status date."),
      Stock("enterprises.registered", "登记企业数", "Enterprises registered",
            U::kCount, "organisation",
            "Enterprises in the union-founding register (建会台账) on the "
            "period's last day, from the month they were registered."),
      Stock("enterprises.required", "应建会企业数",
            "Enterprises required to found a union", U::kCount, "organisation",
            "Registered enterprises that are required to found a union (25 "
            "employees or more, or marked so)."),
      Stock("enterprises.founded", "已建会企业数",
            "Enterprises with a union founded", U::kCount, "organisation",
            "Required enterprises whose union is founded, from the founding "
            "date."),
      Flow("enterprises.founded_in_period", "新建会企业数",
           "Unions founded in enterprises", U::kCount, "organisation",
           "Enterprises whose union was founded in the period, by the "
           "founding date."),
      Rate("rate.founding", "建会率", "Union founding rate", "organisation",
           "enterprises.founded", "enterprises.required",
           "Enterprises with a union founded over enterprises required to "
           "found one, on the period's last day."),
      Stock("workers.founded_enterprises", "已建会企业职工人数",
            "Employees of enterprises with a union", U::kPeople, "organisation",
            "Employees of the registered enterprises whose union is founded."),
      Rate("rate.joining", "入会率", "Union joining rate", "organisation",
           "members.active", "workers.founded_enterprises",
           "Members over employees of the enterprises with a union founded, "
           "on the period's last day (no base where the register is empty)."),
      Stock("model_workers.national", "全国劳动模范", "National model workers",
            U::kPeople, "organisation",
            "Model workers recognised at national level, from 1 January of "
            "the award year."),
      Stock("model_workers.provincial", "省部级劳动模范",
            "Provincial model workers", U::kPeople, "organisation",
            "Model workers recognised at provincial or ministerial level."),
      Stock("model_workers.city", "市级劳动模范", "City model workers",
            U::kPeople, "organisation",
            "Model workers recognised at city level."),
      // 文体活动
      Flow("activities.held", "开展活动次数", "Activities held", U::kCount,
           "activities", "Activities whose start date lies in the period."),
      Flow("activities.participants", "参加活动人次", "Activity participants",
           U::kPeople, "activities",
           "Participants of those activities (人次), as recorded."),
      // 维权帮扶
      Stock("hardship.deep", "深度困难职工档案", "Deep-hardship files",
            U::kCount, "welfare",
            "Hardship files of level 深度困难 in force (approved, not exited) "
            "on the period's last day."),
      Stock("hardship.relative", "相对困难职工档案", "Relative-hardship files",
            U::kCount, "welfare", "Hardship files of level 相对困难 in force."),
      Stock("hardship.accident", "意外致困职工档案", "Accident-hardship files",
            U::kCount, "welfare", "Hardship files of level 意外致困 in force."),
      Flow("hardship.opened", "新建困难档案", "Hardship files opened",
           U::kCount, "welfare", "Files approved in the period."),
      Flow("aid.people", "帮扶人次", "People helped", U::kPeople, "welfare",
           "Aid payments made in the period, one per person helped, by the "
           "payment date, counted at the union of the person helped."),
      Flow("aid.fen", "帮扶金额", "Aid paid", U::kFen, "welfare",
           "Aid paid in the period, by the payment date, counted at the "
           "union that paid."),
  };
  struct CampaignKindName {
    const char* code;
    const char* zh;
    const char* en;
  };
  for (const CampaignKindName& k : std::vector<CampaignKindName>{
           {"spring_warmth", "送温暖", "Spring warmth (送温暖)"},
           {"student_aid", "金秋助学", "Golden-autumn student aid (金秋助学)"},
           {"model_worker_aid", "劳模帮扶", "Model worker aid"},
           {"medical_aid", "医疗互助", "Medical aid"},
           {"other_aid", "其他帮扶", "Other aid"}}) {
    all.push_back(Flow(absl::StrCat("aid.", k.code, ".people"),
                       absl::StrCat(k.zh, "人次"),
                       absl::StrCat(k.en, ": people"), U::kPeople, "welfare",
                       absl::StrCat("Payments of ", k.zh,
                                    " campaigns in the period, by the payment "
                                    "date (for 金秋助学: students).")));
    all.push_back(Flow(absl::StrCat("aid.", k.code, ".fen"),
                       absl::StrCat(k.zh, "金额"), absl::StrCat(k.en, ": paid"),
                       U::kFen, "welfare",
                       absl::StrCat("Paid by ", k.zh,
                                    " campaigns in the period, by the payment "
                                    "date.")));
  }
  for (const CampaignKindName& c : std::vector<CampaignKindName>{
           {"illness", "因病", "illness"},
           {"disability", "因残", "disability"},
           {"disaster", "因灾", "disaster"},
           {"child_education", "因子女教育", "children's education"},
           {"single_parent", "单亲", "single parent"},
           {"unemployment", "失业", "unemployment"},
           {"other", "其他原因", "another cause"}}) {
    all.push_back(Stock(
        absl::StrCat("hardship.cause.", c.code), absl::StrCat(c.zh, "致困档案"),
        absl::StrCat("Hardship files: ", c.en), U::kCount, "welfare",
        absl::StrCat("Hardship files in force naming ", c.zh,
                     " among their causes (a file may name several, so "
                     "these do not add up to the files in force).")));
  }
  all.push_back(Flow("condolence.visits", "慰问人次", "Condolence visits",
                     U::kPeople, "welfare",
                     "Condolence visits (慰问) made in the period, by the "
                     "visit date."));
  all.push_back(Flow("condolence.fen", "慰问金额", "Condolence paid", U::kFen,
                     "welfare", "Money given on those visits."));
  for (const CampaignKindName& e : std::vector<CampaignKindName>{
           {"sickness", "生病住院", "sickness"},
           {"childbirth", "生育", "childbirth"},
           {"marriage", "结婚", "marriage"},
           {"member_death", "会员去世", "a member's death"},
           {"relative_death", "直系亲属去世", "a relative's death"},
           {"retiree_festival", "退休职工节日", "retirees at festivals"},
           {"birthday", "生日", "birthdays"}}) {
    all.push_back(Flow(absl::StrCat("condolence.", e.code, ".visits"),
                       absl::StrCat(e.zh, "慰问人次"),
                       absl::StrCat("Condolence visits: ", e.en), U::kPeople,
                       "welfare",
                       absl::StrCat("Visits for ", e.zh, " in the period.")));
    all.push_back(
        Flow(absl::StrCat("condolence.", e.code, ".fen"),
             absl::StrCat(e.zh, "慰问金额"),
             absl::StrCat("Condolence paid: ", e.en), U::kFen, "welfare",
             absl::StrCat("Paid on visits for ", e.zh, " in the period.")));
  }
  for (Indicator& i : std::vector<Indicator>{
           Flow("cases.letters_received", "受理来信来访", "Letters and visits",
                U::kCount, "welfare",
                "Letters and visits (信访) received in the period, by the "
                "date received."),
           Flow("cases.rights_received", "受理维权案件", "Rights cases",
                U::kCount, "welfare",
                "Rights cases received in the period, by the date received."),
           Flow("cases.resolved", "办结件数", "Cases resolved", U::kCount,
                "welfare",
                "Letters, visits and cases resolved in the period, by the "
                "date resolved."),
           Flow("cases.resolved_on_time", "按期办结件数",
                "Cases resolved on time", U::kCount, "welfare",
                "Of those, resolved by their due date."),
           Rate("rate.cases_on_time", "按期办结率", "Cases resolved on time",
                "welfare", "cases.resolved_on_time", "cases.resolved",
                "Cases resolved on time over cases resolved, in the period."),
           Flow("cases.money_recovered_fen", "追回金额", "Money recovered",
                U::kFen, "welfare",
                "Money recovered for workers by cases resolved in the "
                "period."),
           // 民主管理
           Flow("congress.sessions_held", "召开教代会/职代会次数",
                "Congress sessions held", U::kCount, "democracy",
                "Congress sessions opened, by their first day."),
           Stock("representatives.seated", "代表人数", "Representatives",
                 U::kPeople, "democracy",
                 "Representatives elected and not disqualified or ended, on "
                 "the period's last day."),
           Stock("representatives.women", "女代表人数", "Women representatives",
                 U::kPeople, "democracy",
                 "Seated representatives who are "
                 "women."),
           Stock("representatives.young", "35岁以下代表人数",
                 "Representatives under 35", U::kPeople, "democracy",
                 "Seated representatives under 35 on their term's first "
                 "day."),
           Stock("representatives.frontline", "一线代表人数",
                 "Front-line representatives", U::kPeople, "democracy",
                 "Seated representatives of the front-line or teaching "
                 "group."),
           Rate("rate.representatives_women", "女代表比例",
                "Share of women representatives", "democracy",
                "representatives.women", "representatives.seated",
                "Women representatives over representatives seated."),
           Flow("proposals.received", "征集提案（件）",
                "Proposal forms received", U::kCount, "democracy",
                "Proposal forms submitted in the period, by the date "
                "submitted; the figures below count the same forms."),
           Flow("proposals.accepted", "立案提案", "Proposals accepted",
                U::kCount, "democracy",
                "Forms accepted as proposals (立案), by the date submitted."),
           Flow("proposals.suggestions", "转为意见建议",
                "Turned into suggestions", U::kCount, "democracy",
                "Forms handled as suggestions, by the date submitted."),
           Flow("proposals.rejected", "不予立案", "Proposals rejected",
                U::kCount, "democracy", "Forms rejected with a reason."),
           Flow("proposals.merged", "合并提案", "Proposals merged", U::kCount,
                "democracy", "Forms merged into another proposal."),
           Flow("proposals.replied", "已答复提案", "Proposals replied",
                U::kCount, "democracy",
                "Proposals with a department's reply, by the date submitted."),
           Flow("proposals.replied_on_time", "按期答复提案",
                "Proposals replied on time", U::kCount, "democracy",
                "Of those, replied by their deadline."),
           Rate("rate.replied_on_time", "按期答复率", "Replied on time",
                "democracy", "proposals.replied_on_time", "proposals.replied",
                "Proposals replied on time over proposals replied."),
           Flow("proposals.rated", "已评价提案", "Proposals rated", U::kCount,
                "democracy", "Replies the proposer rated."),
           Flow("proposals.satisfied", "满意及基本满意", "Rated satisfied",
                U::kCount, "democracy",
                "Replies rated 满意 or 基本满意 by the proposer."),
           Rate("rate.satisfaction", "提案满意率", "Proposer satisfaction",
                "democracy", "proposals.satisfied", "proposals.rated",
                "Replies rated satisfied or basically satisfied over replies "
                "rated."),
           Flow("disclosure.published", "公开事项", "Items disclosed",
                U::kCount, "democracy",
                "Items published (校务/厂务公开), by the publicity period's "
                "first day."),
           Flow("disclosure.objections", "公开异议",
                "Objections to disclosures", U::kCount, "democracy",
                "Objections raised to those items."),
           Flow("disclosure.due", "应公开期数", "Disclosure periods due",
                U::kCount, "democracy",
                "Periods of the disclosure catalogue's monthly, quarterly and "
                "yearly lines that fell due (the period's end plus the line's "
                "grace days), by the due date, up to today; a line counts "
                "from the day it entered the catalogue."),
           Flow("disclosure.on_time", "按时公开期数",
                "Periods disclosed on time", U::kCount, "democracy",
                "Of those, first disclosed on or before the due date."),
           Flow("disclosure.late", "逾期公开期数", "Periods disclosed late",
                U::kCount, "democracy",
                "Of those, first disclosed after the due date."),
           Flow("disclosure.missing", "未公开期数", "Periods not disclosed",
                U::kCount, "democracy", "Of those, not disclosed yet."),
           Rate("rate.disclosure_on_time", "按时公开率",
                "Disclosure completeness", "democracy", "disclosure.on_time",
                "disclosure.due",
                "Periods disclosed on time over periods due."),
           Stock("contracts.in_force", "有效集体合同",
                 "Collective contracts in force", U::kCount, "democracy",
                 "Approved collective contracts whose term covers the "
                 "period's last day."),
           Stock("contracts.workers_covered", "集体合同覆盖职工",
                 "Workers covered by contracts", U::kPeople, "democracy",
                 "Workers covered by the contracts in force."),
       }) {
    all.push_back(std::move(i));
  }
  return all;
}

}  // namespace

const std::vector<Indicator>& Catalogue() {
  static const auto* all = new std::vector<Indicator>(Build());
  return *all;
}

const Indicator* FindIndicator(absl::string_view code) {
  static const auto* by_code = [] {
    auto* m = new absl::flat_hash_map<std::string, const Indicator*>();
    for (const Indicator& i : Catalogue()) (*m)[i.code] = &i;
    return m;
  }();
  auto it = by_code->find(code);
  return it == by_code->end() ? nullptr : it->second;
}

}  // namespace unionhub::reporting
