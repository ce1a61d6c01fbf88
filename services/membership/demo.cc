#include "services/membership/demo.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/base/status_macros.h"
#include "libs/crypto/crypto.h"
#include "services/membership/id_number.h"

namespace unionhub::membership {
namespace {

constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋"};
constexpr const char* kGivenNames[] = {
    "伟", "芳", "娜",   "秀英", "敏", "静",   "丽", "强",   "磊",   "军",
    "洋", "勇", "艳",   "杰",   "娟", "涛",   "明", "超",   "秀兰", "霞",
    "平", "刚", "桂英", "建华", "文", "晓东", "丹", "志强", "海燕", "红梅"};

// Deterministic, so that loading twice yields the same people.
struct DemoPerson {
  std::string name;
  std::string id_number;
  std::string phone;
  EmploymentType employment;
  std::string join_date;
};

DemoPerson Person(int n, bool woman) {
  DemoPerson p;
  p.name = absl::StrCat(kSurnames[n % 24], kGivenNames[(n * 7) % 30]);
  absl::CivilDay birth = absl::CivilDay(1962, 1, 1) + (n * 97) % 14000;
  int seq = 2 * (n % 400) + (woman ? 2 : 1);
  std::string first17 = absl::StrFormat("320102%04d%02d%02d%03d", birth.year(),
                                        birth.month(), birth.day(), seq);
  p.id_number = first17 + IdNumberCheckCharacter(first17);
  p.phone = absl::StrFormat("139%08d", 20000000 + n * 131);
  p.employment = n % 11 == 0   ? EmploymentType::kContract
                 : n % 17 == 0 ? EmploymentType::kAgency
                               : EmploymentType::kStaff;
  absl::CivilDay join = std::max(birth + 23 * 365, absl::CivilDay(1985, 9, 1));
  p.join_date = FormatDate(std::min(join, absl::CivilDay(2025, 9, 1)));
  return p;
}

class Loader {
 public:
  Loader(const DemoServices& s, const Organisation& root) : s_(s), root_(root) {
    admin_.key_id = "demo";
    admin_.organisation_id = root.id;
    admin_.organisation_path = root.path;
    admin_.role = auth::Role::kFederationAdmin;
  }

  absl::Status Load() {
    ASSIGN_OR_RETURN(Organisation education,
                     Org(root_.id, "区教育工会", OrganisationType::kIndustry));
    const char* schools[] = {"第一中学工会", "实验小学工会",
                             "职业技术学院工会"};
    const char* sub_unions[] = {"语文组分工会", "数学组分工会", "后勤分工会"};
    int person = 0;
    for (int i = 0; i < 3; ++i) {
      ASSIGN_OR_RETURN(Organisation school, Org(education.id, schools[i],
                                                OrganisationType::kGrassroots));
      std::vector<Member> staff;
      for (int j = 0; j < 3; ++j) {
        ASSIGN_OR_RETURN(Organisation sub, Org(school.id, sub_unions[j],
                                               OrganisationType::kSubUnion));
        for (int k = 0; k < 33; ++k, ++person) {
          ASSIGN_OR_RETURN(Member m, MemberOf(sub, person));
          staff.push_back(m);
        }
      }
      RETURN_IF_ERROR(Committee(school, staff));
      RETURN_IF_ERROR(Activities(school, staff, i));
      if (i == 0) RETURN_IF_ERROR(ModelWorkers(staff));
    }
    return Park();
  }

 private:
  // A fixed request_id per demo record (request ids are ASCII; names are not).
  std::string Rid(absl::string_view what) {
    return absl::StrCat("demo-", crypto::Sha256Hex(what).substr(0, 32));
  }

  absl::StatusOr<Organisation> Org(const std::string& parent,
                                   const std::string& name,
                                   OrganisationType type) {
    return s_.organisations->CreateOrganisation(
        admin_, {Rid(absl::StrCat("org-", parent, "-", name)), "o"},
        {parent, name, type});
  }

  absl::StatusOr<Member> MemberOf(const Organisation& org, int n) {
    DemoPerson p =
        Person(n, n % 3 != 0);  // Schools employ more women than men.
    NewMember m;
    m.organisation_id = org.id;
    m.name = p.name;
    m.id_number = p.id_number;
    m.phone = p.phone;
    m.employment_type = p.employment;
    m.join_date = p.join_date;
    ASSIGN_OR_RETURN(Member created,
                     s_.members->CreateMember(
                         admin_, {Rid(absl::StrCat("member-", n)), "m"}, m));
    if (n % 13 == 0 && created.status == MemberStatus::kActive) {
      // Some have retired (离退休): still members, visited at festivals.
      auto retired = s_.members->ChangeMemberStatus(
          admin_, created.id, MemberStatus::kRetired, "2024-07-01", "退休",
          created.etag);
      if (retired.ok()) return *retired;
    }
    return created;
  }

  absl::Status Committee(const Organisation& school,
                         const std::vector<Member>& staff) {
    ASSIGN_OR_RETURN(std::vector<CommitteeTerm> terms,
                     s_.committees->ListTerms(admin_, school.id));
    if (!terms.empty()) return absl::OkStatus();  // Loaded before.
    ASSIGN_OR_RETURN(CommitteeTerm term,
                     s_.committees->CreateTerm(
                         admin_, {Rid(absl::StrCat("term-", school.id)), "t"},
                         {school.id, "2024-06-20", 5, "2024-06-20", 99, 92,
                          "差额选举, 无记名投票"}));
    const OfficerPosition positions[] = {
        OfficerPosition::kChair,
        OfficerPosition::kViceChair,
        OfficerPosition::kWomenCommitteeDirector,
        OfficerPosition::kAuditCommitteeDirector,
        OfficerPosition::kCommitteeMember,
        OfficerPosition::kCommitteeMember};
    size_t next = 0;
    for (OfficerPosition position : positions) {
      // The women workers' committee director is a woman; everyone is active.
      while (next < staff.size() &&
             (staff[next].status != MemberStatus::kActive ||
              (position == OfficerPosition::kWomenCommitteeDirector &&
               staff[next].sex != Sex::kFemale))) {
        ++next;
      }
      if (next == staff.size()) break;
      RETURN_IF_ERROR(s_.committees
                          ->ElectOfficer(admin_, {}, term.id, staff[next].id,
                                         position,
                                         80 + static_cast<int>(next % 10))
                          .status());
      ++next;
    }
    return absl::OkStatus();
  }

  absl::Status Activities(const Organisation& school,
                          const std::vector<Member>& staff, int index) {
    struct Plan {
      const char* name;
      ActivityKind kind;
      const char* date;
      int participants;
    };
    const Plan plans[] = {
        {"教职工集体跳绳比赛", ActivityKind::kSports, "2026-04-20", 60},
        {"无偿献血", ActivityKind::kBloodDonation, "2026-06-14", 14},
        {"教职工书法、绘画、摄影作品比赛", ActivityKind::kCulture, "2026-05-10",
         12},
        {"“三八”节女教职工座谈会", ActivityKind::kCelebration, "2026-03-08",
         40},
        {"教职工健康体检", ActivityKind::kHealthCheck, "2026-10-15", 90},
    };
    for (const Plan& plan : plans) {
      NewActivity a{school.id, plan.name, plan.kind, plan.date,
                    plan.date, "",        ""};
      ASSIGN_OR_RETURN(
          Activity activity,
          s_.activities->CreateActivity(
              admin_, {Rid(absl::StrCat("act-", school.id, plan.date)), "a"},
              a));
      std::vector<Participation> who;
      for (int k = 0;
           k < plan.participants && k < static_cast<int>(staff.size()); ++k) {
        std::string award;
        if (plan.kind == ActivityKind::kCulture && k < 3) {
          award = k == 0 ? "一等奖" : k == 1 ? "二等奖" : "三等奖";
        }
        who.push_back(
            {"", staff[(k * 5 + index) % staff.size()].id, "", award, ""});
      }
      // The same member may come up twice in the rotation: keep each once.
      std::sort(who.begin(), who.end(), [](const auto& a, const auto& b) {
        return a.member_id < b.member_id;
      });
      who.erase(std::unique(who.begin(), who.end(),
                            [](const auto& a, const auto& b) {
                              return a.member_id == b.member_id;
                            }),
                who.end());
      RETURN_IF_ERROR(
          s_.activities->AddParticipants(admin_, activity.id, who).status());
    }
    RETURN_IF_ERROR(
        s_.activities
            ->RecordHonour(admin_, {Rid(absl::StrCat("home-", school.id)), "h"},
                           {school.id, "", "模范职工之家", HonourLevel::kCity,
                            "市总工会", "2026-04-28"})
            .status());
    return s_.activities
        ->RecordHonour(admin_, {Rid(absl::StrCat("advanced-", school.id)), "h"},
                       {"", staff[3].id, "先进工作者", HonourLevel::kDistrict,
                        "区教育局", "2026-09-10"})
        .status();
  }

  absl::Status ModelWorkers(const std::vector<Member>& staff) {
    struct Honour {
      ModelWorkerLevel level;
      const char* title;
      int year;
      std::vector<HardshipCause> causes;
    };
    const Honour honours[] = {
        {ModelWorkerLevel::kNational, "全国五一劳动奖章", 2019, {}},
        {ModelWorkerLevel::kProvincial,
         "省劳动模范",
         2015,
         {HardshipCause::kIllness}},
        {ModelWorkerLevel::kCity,
         "市劳动模范",
         2021,
         {HardshipCause::kChildEducation}},
        {ModelWorkerLevel::kCity, "市劳动模范", 2018, {}},
    };
    for (size_t i = 0; i < 4; ++i) {
      const Honour& h = honours[i];
      RETURN_IF_ERROR(
          s_.model_workers
              ->Create(
                  admin_, {Rid(absl::StrCat("mw-", staff[10 + i].id)), "w"},
                  {staff[10 + i].id, h.level, h.title, h.year, h.causes, ""})
              .status());
    }
    return absl::OkStatus();
  }

  // Seed 001's industrial park: 79 enterprises, 41 required to found a union,
  // 39 of them applied; 10 already have a union.
  absl::Status Park() {
    ASSIGN_OR_RETURN(Organisation park, Org(root_.id, "工业园区工会",
                                            OrganisationType::kDistrict));
    for (int i = 0; i < 79; ++i) {
      bool required = i < 41;
      ASSIGN_OR_RETURN(
          Enterprise e,
          s_.enterprises->Create(
              admin_, {Rid(absl::StrCat("ent-", i)), "e"},
              {park.id, absl::StrFormat("园区企业%02d有限公司", i + 1), "",
               required ? 30 + (i * 13) % 270 : 5 + i % 20, required}));
      if (e.founding_status != UnionFoundingStatus::kNotStarted || i >= 39)
        continue;
      RETURN_IF_ERROR(
          s_.enterprises->RecordApplication(admin_, e.id, "2026-05-15", "")
              .status());
      if (i < 10) {
        ASSIGN_OR_RETURN(
            Organisation u,
            Org(park.id, absl::StrFormat("园区企业%02d工会", i + 1),
                OrganisationType::kGrassroots));
        RETURN_IF_ERROR(
            s_.enterprises->RecordFounded(admin_, e.id, u.id, "2026-07-01", "")
                .status());
        for (int k = 0; k < 12; ++k) {
          RETURN_IF_ERROR(MemberOf(u, 1000 + i * 20 + k).status());
        }
      }
    }
    return absl::OkStatus();
  }

  const DemoServices& s_;
  Organisation root_;
  auth::Caller admin_;
};

}  // namespace

absl::Status LoadDemoData(const DemoServices& services,
                          const Organisation& root) {
  return Loader(services, root).Load();
}

}  // namespace unionhub::membership
