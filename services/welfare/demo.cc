#include "services/welfare/demo.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "libs/base/status_macros.h"

namespace unionhub::welfare {
namespace {

constexpr char kWarmthFund[] = "送温暖专项资金";

struct Household {
  int school;  // Index into DemoUnions::schools.
  int person;  // Index into the school's person_ids.
  HardshipLevel level;
  std::vector<HardshipCause> causes;
  int size;
  int64_t income_fen;  // Per capita, monthly.
  const char* situation;
};

struct DemoStudent {
  int household;  // Index into the households.
  const char* name;
  const char* school;
  StudentLevel level;
  int admission_years_ago;  // Before this year.
};

// The households' children (their names are made up), two in one household.
const DemoStudent kStudents[] = {
    {1, "陈思远", "省师范大学", StudentLevel::kUndergraduate, 2},
    {4, "刘欣怡", "市第二中学", StudentLevel::kHighSchool, 1},
    {4, "刘浩然", "省理工大学", StudentLevel::kUndergraduate, 3},
    {0, "赵雨桐", "市职业技术学院", StudentLevel::kJuniorCollege, 2},
    {3, "孙嘉怡", "省财经大学", StudentLevel::kUndergraduate, 0},
};

int64_t Yuan(int64_t yuan) { return yuan * 100; }

class Loader {
 public:
  Loader(const DemoServices& s, const DemoUnions& u, FakeClock* clock,
         absl::CivilDay today)
      : s_(s), u_(u), clock_(clock), today_(today) {}

  absl::Status Load() {
    const int last = today_.year() - 1;
    ASSIGN_OR_RETURN(
        Page<Fund> funds,
        s_.funds->List(u_.district_admin, u_.district_id, last, 50, ""));
    for (const Fund& f : funds.items) {
      if (f.name == kWarmthFund) return absl::OkStatus();  // Loaded before.
    }
    RETURN_IF_ERROR(HardshipFiles(last - 1));
    RETURN_IF_ERROR(StandardsOfFirstSchool(last));
    for (int year : {last, last + 1}) {
      RETURN_IF_ERROR(SpringWarmth(year));
      // The household hit by the disaster recovers (脱困) after this year's
      // Spring Festival aid.
      if (year == last + 1) RETURN_IF_ERROR(ExitRecovered(year));
      RETURN_IF_ERROR(GoldenAutumn(year));
      RETURN_IF_ERROR(Visits(year));
      RETURN_IF_ERROR(Drive(year));
      RETURN_IF_ERROR(CasesOf(year));
      if (year == last) RETURN_IF_ERROR(Recheck(year));
    }
    return absl::OkStatus();
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
  static std::string Date(int year, int month, int day) {
    return FormatDate(absl::CivilDay(year, month, day));
  }
  bool At(int year, int month, int day) {
    return At(absl::CivilDay(year, month, day));
  }
  const DemoUnions::School& SchoolOf(const Household& h) const {
    return u_.schools[h.school];
  }
  const std::string& PersonOf(const Household& h) const {
    return SchoolOf(h).person_ids[h.person];
  }

  // Opened, on publicity for a week and approved in November of `year`.
  absl::Status HardshipFiles(int year) {
    const int third = static_cast<int>(u_.schools.size()) > 2 ? 2 : 1;
    households_ = {
        {0,
         0,
         HardshipLevel::kDeep,
         {HardshipCause::kIllness},
         3,
         Yuan(600),
         "配偶重病, 长期治疗"},
        {0,
         1,
         HardshipLevel::kRelative,
         {HardshipCause::kChildEducation, HardshipCause::kSingleParent},
         2,
         Yuan(1200),
         "单亲, 子女上大学"},
        {0,
         2,
         HardshipLevel::kAccident,
         {HardshipCause::kDisaster},
         4,
         Yuan(900),
         "房屋受灾"},
        {1,
         0,
         HardshipLevel::kDeep,
         {HardshipCause::kDisability},
         3,
         Yuan(500),
         "本人残疾"},
        {1,
         1,
         HardshipLevel::kRelative,
         {HardshipCause::kChildEducation},
         4,
         Yuan(1300),
         "两个子女在读"},
        {third,
         2,
         HardshipLevel::kRelative,
         {HardshipCause::kIllness},
         3,
         Yuan(1100),
         "父母患病"},
    };
    for (const Household& h : households_) {
      At(year, 11, 4);
      const auth::Caller& admin = SchoolOf(h).admin;
      ASSIGN_OR_RETURN(
          HardshipFile f,
          s_.hardship->Create(admin, {},
                              {PersonOf(h), h.size, h.income_fen, h.level,
                               h.causes, h.situation, ""}));
      RETURN_IF_ERROR(s_.hardship
                          ->StartPublicity(admin, f.id, Date(year, 11, 4),
                                           Date(year, 11, 11), "")
                          .status());
      At(year, 11, 13);
      RETURN_IF_ERROR(
          s_.hardship->Approve(admin, f.id, Date(year, 11, 13), "").status());
      file_ids_.push_back(f.id);
    }
    return absl::OkStatus();
  }

  // The yearly re-check, in November.
  absl::Status Recheck(int year) {
    for (size_t i = 0; i < households_.size(); ++i) {
      const Household& h = households_[i];
      if (!At(year, 11, 10)) return absl::OkStatus();
      RETURN_IF_ERROR(s_.hardship
                          ->Recheck(SchoolOf(h).admin, file_ids_[i],
                                    {Date(year, 11, 10), h.level, h.income_fen,
                                     "入户复核, 情况属实"},
                                    "")
                          .status());
    }
    return absl::OkStatus();
  }

  absl::Status ExitRecovered(int year) {
    if (!At(year, 6, 15)) return absl::OkStatus();
    return s_.hardship
        ->Exit(SchoolOf(households_[2]).admin, file_ids_[2], Date(year, 6, 15),
               "灾后重建完成, 生活恢复", "")
        .status();
  }

  absl::StatusOr<Fund> FundOf(int year, const char* name, int64_t budget) {
    At(year, 1, 2);
    return s_.funds->Create(u_.district_admin, {},
                            {u_.district_id, year, name, budget});
  }

  // Applied by the school, reviewed and paid by the district, approved by
  // its second key; re-verified first when it is a student's award.
  absl::Status Aid(const Campaign& c, const Household& h, int64_t fen,
                   const std::string& reason, const std::string& student_id,
                   absl::CivilDay applied) {
    if (!At(applied)) return absl::OkStatus();
    const auth::Caller& school = SchoolOf(h).admin;
    ASSIGN_OR_RETURN(
        AidApplication a,
        s_.applications->Create(school, {},
                                {c.id, PersonOf(h), fen, reason, student_id}));
    if (!At(applied + 2)) return absl::OkStatus();
    RETURN_IF_ERROR(
        s_.applications
            ->Review(u_.district_admin, a.id, "入户核实, 情况属实", "")
            .status());
    if (!At(applied + 4)) return absl::OkStatus();
    RETURN_IF_ERROR(
        s_.applications->Approve(u_.district_approver, a.id, 0, "同意", "")
            .status());
    if (!student_id.empty()) {
      if (!At(applied + 5)) return absl::OkStatus();
      RETURN_IF_ERROR(s_.applications
                          ->VerifyStudent(school, a.id, "",
                                          absl::StrCat(applied.year(),
                                                       "年秋季学期在读证明"))
                          .status());
    }
    if (!At(applied + 7)) return absl::OkStatus();
    return s_.applications
        ->Pay(u_.district_admin, {}, a.id, FormatDate(applied + 7))
        .status();
  }

  // 元旦春节送温暖: every household with an active file.
  absl::Status SpringWarmth(int year) {
    if (!At(year, 1, 2)) return absl::OkStatus();
    ASSIGN_OR_RETURN(Fund fund, FundOf(year, kWarmthFund, Yuan(300000)));
    At(year, 1, 3);
    NewCampaign n;
    n.name = absl::StrCat(year, "年元旦春节送温暖");
    n.kind = CampaignKind::kSpringWarmth;
    n.start_date = Date(year, 1, 5);
    n.end_date = Date(year, 2, 10);
    n.fund_id = fund.id;
    n.eligibility = Eligibility::kHardshipFile;
    n.eligible_levels = {HardshipLevel::kDeep, HardshipLevel::kRelative,
                         HardshipLevel::kAccident};
    n.min_amount_fen = Yuan(1000);
    n.max_amount_fen = Yuan(3000);
    ASSIGN_OR_RETURN(Campaign c,
                     s_.campaigns->Create(u_.district_admin, {}, n));
    for (size_t i = 0; i < households_.size(); ++i) {
      const Household& h = households_[i];
      const int64_t fen =
          h.level == HardshipLevel::kDeep ? Yuan(3000) : Yuan(2000);
      RETURN_IF_ERROR(Aid(c, h, fen, absl::StrCat("春节慰问: ", h.situation),
                          "", absl::CivilDay(year, 1, 8)));
    }
    return absl::OkStatus();
  }

  // 金秋助学: the households' children in school, each school year.
  absl::Status GoldenAutumn(int year) {
    if (!At(year, 8, 18)) return absl::OkStatus();
    const int this_year = today_.year();
    ASSIGN_OR_RETURN(Fund fund, FundOf(year, "金秋助学资金", Yuan(200000)));
    At(year, 8, 18);
    NewCampaign n;
    n.name = absl::StrCat(year, "年金秋助学");
    n.kind = CampaignKind::kStudentAid;
    n.start_date = Date(year, 8, 20);
    n.end_date = Date(year, 9, 30);
    n.fund_id = fund.id;
    n.eligibility = Eligibility::kHardshipFile;
    n.eligible_levels = {HardshipLevel::kDeep, HardshipLevel::kRelative};
    n.min_amount_fen = Yuan(2000);
    n.max_amount_fen = Yuan(5000);
    n.cap_per_person_fen = Yuan(10000);  // A household may have two.
    ASSIGN_OR_RETURN(Campaign c,
                     s_.campaigns->Create(u_.district_admin, {}, n));
    for (size_t i = 0; i < std::size(kStudents); ++i) {
      const DemoStudent& p = kStudents[i];
      const int admitted = this_year - p.admission_years_ago;
      if (admitted > year) continue;  // Not in school yet.
      const Household& h = households_[p.household];
      if (students_[i].empty()) {
        if (!At(year, 8, 20)) return absl::OkStatus();
        ASSIGN_OR_RETURN(
            Student s, s_.students->Create(
                           SchoolOf(h).admin, {},
                           {PersonOf(h), p.name, p.school, p.level, admitted}));
        students_[i] = s.id;
      }
      const int64_t fen = p.level == StudentLevel::kUndergraduate ? Yuan(5000)
                          : p.level == StudentLevel::kJuniorCollege
                              ? Yuan(4000)
                              : Yuan(3000);
      RETURN_IF_ERROR(Aid(c, h, fen, absl::StrCat("子女就读", p.school),
                          students_[i], absl::CivilDay(year, 8, 25)));
    }
    return absl::OkStatus();
  }

  // The first school's own standards (四看望), in force from January of
  // `year`; its sub-unions follow them.
  absl::Status StandardsOfFirstSchool(int year) {
    At(year, 1, 2);
    struct Rule {
      CondolenceEvent event;
      int64_t min_yuan, max_yuan;
      CondolenceForm form;
      int visits;
    };
    const Rule rules[] = {
        {CondolenceEvent::kSickness, 500, 1000, CondolenceForm::kCash, 2},
        {CondolenceEvent::kChildbirth, 1000, 1500, CondolenceForm::kCash, 1},
        {CondolenceEvent::kMarriage, 500, 500, CondolenceForm::kCash, 1},
        {CondolenceEvent::kMemberDeath, 3000, 3000, CondolenceForm::kCash, 1},
        {CondolenceEvent::kRelativeDeath, 500, 1000, CondolenceForm::kCash, 2},
    };
    for (const Rule& r : rules) {
      RETURN_IF_ERROR(
          s_.condolences
              ->CreateStandard(u_.schools[0].admin, {},
                               {u_.schools[0].id, r.event, Date(year, 1, 1),
                                Yuan(r.min_yuan), Yuan(r.max_yuan),
                                PayingLevel::kUnion, r.form, r.visits, 0})
              .status());
    }
    return absl::OkStatus();
  }

  absl::Status Visits(int year) {
    struct Visit {
      int person;
      CondolenceEvent event;
      int month, day;
      int64_t yuan;
      const char* note;
    };
    const Visit visits[] = {
        {6, CondolenceEvent::kSickness, 3, 12, 800, "住院看望"},
        {7, CondolenceEvent::kChildbirth, 5, 20, 1200, "生育慰问"},
        {8, CondolenceEvent::kRelativeDeath, 4, 2, 800, "直系亲属去世"},
        {9, CondolenceEvent::kMarriage, 10, 8, 500, "新婚祝福"},
        {10, CondolenceEvent::kSickness, 11, 3, 600, "手术后看望"},
    };
    const DemoUnions::School& school = u_.schools[0];
    for (const Visit& v : visits) {
      const int person = (v.person + year) % 6 + 6;  // Others each year.
      if (!At(year, v.month, v.day)) continue;
      RETURN_IF_ERROR(
          s_.condolences
              ->RecordVisit(school.admin, {},
                            {school.person_ids[person], v.event,
                             Date(year, v.month, v.day), Yuan(v.yuan), v.note})
              .status());
    }
    return absl::OkStatus();
  }

  // 慈善一日捐 in May: the schools pledge and hand over, the district gives
  // it all to the city's charity; last year also winter clothing for a
  // disaster area.
  absl::Status Drive(int year) {
    if (!At(year, 5, 10)) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        DonationDrive drive,
        s_.donations->CreateDrive(u_.district_admin, {},
                                  {"", absl::StrCat(year, "年慈善一日捐"),
                                   DonationPurpose::kCharityDay,
                                   Date(year, 5, 10), Date(year, 5, 31)}));
    const char* donors[] = {"第一中学工会", "实验小学工会", "职业技术学院工会"};
    const int64_t yuan[] = {12600, 8300, 15200};
    int64_t received = 0;
    for (size_t i = 0; i < u_.schools.size() && i < 3; ++i) {
      if (!At(year, 5, 15)) return absl::OkStatus();
      ASSIGN_OR_RETURN(
          auto pledged,
          s_.donations->Record(u_.district_admin, {},
                               {drive.id, "", donors[i], DonationForm::kMoney,
                                Yuan(yuan[i]), 0, "", Date(year, 5, 15)}));
      if (!At(year, 5, 20)) return absl::OkStatus();
      RETURN_IF_ERROR(
          s_.donations
              ->Receive(u_.district_admin, {}, pledged.first.id, Yuan(yuan[i]))
              .status());
      received += Yuan(yuan[i]);
    }
    if (!At(year, 5, 31)) return absl::OkStatus();
    RETURN_IF_ERROR(
        s_.donations
            ->Allocate(u_.district_admin, {},
                       {drive.id, "", "市慈善总会", DonationForm::kMoney,
                        received, Date(year, 5, 31)})
            .status());
    if (!At(year, 6, 1)) return absl::OkStatus();
    RETURN_IF_ERROR(
        s_.donations->CloseDrive(u_.district_admin, drive.id, "").status());
    if (year != today_.year() - 1 || !At(year, 7, 20)) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        DonationDrive relief,
        s_.donations->CreateDrive(u_.district_admin, {},
                                  {"", absl::StrCat(year, "年抗洪救灾捐赠"),
                                   DonationPurpose::kDisasterRelief,
                                   Date(year, 7, 20), Date(year, 8, 10)}));
    At(year, 7, 25);
    RETURN_IF_ERROR(
        s_.donations
            ->Record(u_.district_admin, {},
                     {relief.id, "", "区教育系统教职工", DonationForm::kItems,
                      135, 135, "棉衣", Date(year, 7, 25)})
            .status());
    RETURN_IF_ERROR(
        s_.donations
            ->Record(u_.district_admin, {},
                     {relief.id, "", "区教育系统教职工", DonationForm::kMoney,
                      Yuan(34100), Yuan(34100), "", Date(year, 7, 25)})
            .status());
    At(year, 8, 5);
    RETURN_IF_ERROR(
        s_.donations
            ->Allocate(u_.district_admin, {},
                       {relief.id, "", "受灾地区总工会", DonationForm::kItems,
                        135, Date(year, 8, 5)})
            .status());
    RETURN_IF_ERROR(
        s_.donations
            ->Allocate(u_.district_admin, {},
                       {relief.id, "", "受灾地区总工会", DonationForm::kMoney,
                        Yuan(34100), Date(year, 8, 5)})
            .status());
    return s_.donations->CloseDrive(u_.district_admin, relief.id, "").status();
  }

  // A rights case with wages recovered last year; this year a letter
  // answered within the five days and an injury case still open.
  absl::Status CasesOf(int year) {
    const auth::Caller& school = u_.schools[1].admin;
    const std::string& worker = u_.schools[1].person_ids[5];
    if (year == today_.year() - 1) {
      if (!At(year, 3, 6)) return absl::OkStatus();
      ASSIGN_OR_RETURN(
          Case wages,
          s_.cases->Create(
              u_.district_admin, {},
              {"", CaseKind::kRights, CaseChannel::kPhone, CaseCategory::kWages,
               worker, "外包食堂拖欠临时工工资", Date(year, 3, 6)}));
      RETURN_IF_ERROR(
          s_.cases
              ->Assign(u_.district_admin, wages.id, "区职工法律援助工作站", "")
              .status());
      At(year, 3, 10);
      RETURN_IF_ERROR(s_.cases
                          ->Resolve(u_.district_admin, wages.id,
                                    "协调用人单位足额支付", Yuan(152000),
                                    Date(year, 3, 10), "")
                          .status());
      return s_.cases
          ->Rate(u_.district_admin, wages.id, CaseSatisfaction::kSatisfied, "")
          .status();
    }
    if (At(year, 9, 15)) {
      ASSIGN_OR_RETURN(
          Case letter,
          s_.cases->Create(school, {},
                           {"", CaseKind::kLetterVisit, CaseChannel::kLetter,
                            CaseCategory::kContract, worker, "聘用合同续签咨询",
                            Date(year, 9, 15)}));
      RETURN_IF_ERROR(
          s_.cases->Assign(school, letter.id, "学校工会办公室", "").status());
      At(year, 9, 18);
      RETURN_IF_ERROR(s_.cases
                          ->Resolve(school, letter.id, "已答复并协调续签", 0,
                                    Date(year, 9, 18), "")
                          .status());
      RETURN_IF_ERROR(s_.cases
                          ->Rate(school, letter.id,
                                 CaseSatisfaction::kBasicallySatisfied, "")
                          .status());
    }
    const absl::CivilDay received = today_ - 2;
    if (received.year() != year || !At(received)) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        Case injury,
        s_.cases->Create(
            school, {},
            {"", CaseKind::kRights, CaseChannel::kVisit, CaseCategory::kInjury,
             worker, "校外实训受伤, 工伤认定咨询", FormatDate(received)}));
    return s_.cases->Assign(school, injury.id, "学校工会办公室", "").status();
  }

  const DemoServices& s_;
  const DemoUnions& u_;
  FakeClock* clock_;
  const absl::CivilDay today_;
  std::vector<Household> households_;
  std::vector<std::string> file_ids_;
  // kStudents' ids, as they are recorded.
  std::vector<std::string> students_ =
      std::vector<std::string>(std::size(kStudents));
};

}  // namespace

absl::Status LoadDemoData(const DemoServices& services,
                          const DemoUnions& unions, FakeClock* clock,
                          absl::CivilDay today) {
  if (unions.schools.size() < 2) {
    return absl::InvalidArgumentError("the demo needs at least two schools");
  }
  for (const DemoUnions::School& school : unions.schools) {
    if (school.person_ids.size() < 12) {
      return absl::InvalidArgumentError(
          "the demo needs 12 active members in each school");
    }
  }
  return Loader(services, unions, clock, today).Load();
}

}  // namespace unionhub::welfare
