// The gateway and membership as separate processes on loopback, called as
// tenants call them: the tenant-isolation sweep over every RPC, roles, keys,
// forged principals, limits, both protocols, and clients nobody here wrote.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/testing/id_numbers.h"
#include "services/membership/id_number.h"
#include "tests/suite.h"
#include "unionhub/api/v1/annotations.pb.h"
#include "unionhub/events/v1/event_feed.grpc.pb.h"
#include "unionhub/gateway/v1/auth.grpc.pb.h"
#include "unionhub/membership/v1/members.grpc.pb.h"
#include "unionhub/membership/v1/organisations.grpc.pb.h"
#include "unionhub/reporting/v1/exports.grpc.pb.h"
#include "unionhub/reporting/v1/figures.pb.h"

namespace unionhub {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::MethodDescriptor;

struct Reply {
  grpc::Status status;
  std::string json;  // The response as JSON when OK.
};

std::string IdNumber(int seq) {
  return testing::MakeIdNumber(100 + seq, "19800101");
}

std::string CreditCode(int seq) {
  std::string first17 = absl::StrCat("91350100M000", 10000 + seq);
  return first17 + membership::CreditCodeCheckCharacter(first17);
}

// The value of "field": "..." in a JSON text (enough for ids and etags).
std::string JsonField(const std::string& json, const std::string& field) {
  size_t at = json.find(absl::StrCat("\"", field, "\":"));
  if (at == std::string::npos) return "";
  at = json.find('"', at + field.size() + 3);
  return json.substr(at + 1, json.find('"', at + 1) - at - 1);
}

class GatewayE2eTest : public ::testing::TestWithParam<sql::Backend> {
  // Also the base of the HTTP and limits suites below, which start their own.
 protected:
  void SetUp() override { StartSuite(GetParam(), {}); }

  void StartSuite(sql::Backend backend, std::vector<std::string> flags) {
    SuiteOptions options;
    options.backend = backend;
    options.gateway_flags = std::move(flags);
    auto suite = testing::Suite::Start(options);
    if (suite.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << suite.status().message();
    ASSERT_TRUE(suite.ok()) << suite.status();
    suite_ = *std::move(suite);
    gateway_ = grpc::CreateChannel(suite_->gateway_address(),
                                   grpc::InsecureChannelCredentials());
    root_key_ = suite_->bootstrap_key();
  }

  using SuiteOptions = testing::SuiteOptions;

  // Calls `method` ("pkg.Service/Method") through the gateway with `key`, the
  // request given as JSON.
  Reply Call(const std::string& key, const std::string& method,
             const std::string& json,
             std::shared_ptr<grpc::Channel> channel = nullptr) {
    const MethodDescriptor* m = FindMethod(method);
    EXPECT_NE(m, nullptr) << method;
    if (m == nullptr) return {grpc::Status(grpc::StatusCode::INTERNAL, ""), ""};
    auto* factory = google::protobuf::MessageFactory::generated_factory();
    std::unique_ptr<google::protobuf::Message> request(
        factory->GetPrototype(m->input_type())->New());
    auto parsed =
        google::protobuf::util::JsonStringToMessage(json, request.get());
    EXPECT_TRUE(parsed.ok())
        << method << ": " << parsed.message() << " in " << json;
    grpc::ClientContext context;
    if (!key.empty()) context.AddMetadata("authorization", "Bearer " + key);
    if (call_deadline_ > absl::ZeroDuration())
      context.set_deadline(absl::ToChronoTime(absl::Now() + call_deadline_));
    std::string bytes = request->SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer in(&slice, 1), out;
    grpc::GenericStub stub(channel ? channel : gateway_);
    Reply reply;
    absl::Notification done;
    stub.UnaryCall(&context, absl::StrCat("/", method), grpc::StubOptions(),
                   &in, &out, [&](grpc::Status s) {
                     reply.status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    if (reply.status.ok()) {
      std::vector<grpc::Slice> slices;
      std::string response_bytes;
      EXPECT_TRUE(out.Dump(&slices).ok());
      for (const auto& s : slices)
        response_bytes.append(reinterpret_cast<const char*>(s.begin()),
                              s.size());
      std::unique_ptr<google::protobuf::Message> response(
          factory->GetPrototype(m->output_type())->New());
      EXPECT_TRUE(response->ParseFromString(response_bytes));
      google::protobuf::util::JsonPrintOptions print;
      print.preserve_proto_field_names = true;
      EXPECT_TRUE(google::protobuf::util::MessageToJsonString(
                      *response, &reply.json, print)
                      .ok());
    }
    return reply;
  }

  std::string MustCall(const std::string& key, const std::string& method,
                       const std::string& json) {
    Reply r = Call(key, method, json);
    EXPECT_TRUE(r.status.ok())
        << method << " " << json << ": " << r.status.error_code() << " "
        << r.status.error_message();
    return r.json;
  }

  // Waits (up to 30 s) until reporting has followed membership's feed as far
  // as organisation `id`: its figures answer for the federation.
  void AwaitInReporting(const std::string& id) {
    const std::string ask =
        absl::StrCat(R"({"organisation_id":")", id, R"(","year":2026})");
    for (int i = 0; i < 300; ++i) {
      if (Call(root_key_, "unionhub.reporting.v1.FigureService/GetFigures", ask)
              .status.ok())
        return;
      absl::SleepFor(absl::Milliseconds(100));
    }
    ADD_FAILURE() << "reporting never saw organisation " << id;
  }

  static const MethodDescriptor* FindMethod(const std::string& method) {
    size_t slash = method.find('/');
    const auto* service = DescriptorPool::generated_pool()->FindServiceByName(
        method.substr(0, slash));
    return service ? service->FindMethodByName(method.substr(slash + 1))
                   : nullptr;
  }

  std::string CreateOrganisation(const std::string& parent,
                                 const std::string& name,
                                 const std::string& type) {
    return JsonField(
        MustCall(
            root_key_,
            "unionhub.membership.v1.OrganisationService/CreateOrganisation",
            absl::StrCat(R"({"organisation":{"parent_id":")", parent,
                         R"(","name":")", name, R"(","type":")", type,
                         R"("}})")),
        "id");
  }

  std::string IssueKey(const std::string& as, const std::string& org,
                       const std::string& role) {
    return JsonField(
        MustCall(as, "unionhub.gateway.v1.AuthService/IssueApiKey",
                 absl::StrCat(R"({"organisation_id":")", org, R"(","role":")",
                              role, R"(","display_name":"测试"})")),
        "secret");
  }

  std::string CreateMember(const std::string& key, const std::string& org,
                           int seq) {
    return JsonField(
        MustCall(key, "unionhub.membership.v1.MemberService/CreateMember",
                 absl::StrCat(
                     R"({"member":{"organisation_id":")", org,
                     R"(","name":"李四","id_number":")", IdNumber(seq),
                     R"(","phone":"13812345678","employment_type":)"
                     R"("EMPLOYMENT_TYPE_STAFF","join_date":"2012-09-01"}})")),
        "id");
  }

  // Streams a one-row roster for `organisation` through the gateway.
  membership::v1::ImportMembersResponse ImportOneRow(
      const std::string& key, const std::string& organisation) {
    auto stub = membership::v1::MemberService::NewStub(gateway_);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + key);
    membership::v1::ImportMembersResponse response;
    auto writer = stub->ImportMembers(&context, &response);
    membership::v1::ImportMembersRequest first;
    first.set_organisation_id(organisation);
    first.set_csv_chunk("姓名,身份证号,用工性质,入会日期\n");
    membership::v1::ImportMembersRequest second;
    second.set_csv_chunk(
        absl::StrCat("赵六,", IdNumber(6), ",在编,2020-01-01\n"));
    EXPECT_TRUE(writer->Write(first));
    EXPECT_TRUE(writer->Write(second));
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Downloads B's figures, league table and statistics forms through the
  // gateway (server streaming): the status, and the file's first bytes.
  std::vector<std::pair<grpc::Status, std::string>> DownloadAll(
      const std::string& key, const std::string& organisation) {
    auto stub = reporting::v1::ExportService::NewStub(gateway_);
    std::vector<std::pair<grpc::Status, std::string>> out;
    auto read = [&](auto reader, auto piece) {
      std::string file;
      while (reader->Read(&piece)) file += piece.chunk().data();
      out.push_back({reader->Finish(), file.substr(0, 4)});
    };
    const int year =
        static_cast<int>(absl::ToCivilYear(absl::Now(), BeijingTime()).year());
    {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + key);
      reporting::v1::ExportFiguresRequest request;
      request.set_organisation_id(organisation);
      request.set_year(year);
      read(stub->ExportFigures(&context, request),
           reporting::v1::ExportFiguresResponse());
    }
    {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + key);
      reporting::v1::ExportLeagueTableRequest request;
      request.set_organisation_id(organisation);
      request.set_indicator_code("members.active");
      request.set_year(year);
      request.set_format(reporting::v1::EXPORT_FORMAT_CSV);
      read(stub->ExportLeagueTable(&context, request),
           reporting::v1::ExportLeagueTableResponse());
    }
    {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + key);
      reporting::v1::ExportStatisticsFormsRequest request;
      request.set_organisation_id(organisation);
      request.set_year(year);
      read(stub->ExportStatisticsForms(&context, request),
           reporting::v1::ExportStatisticsFormsResponse());
    }
    return out;
  }

  // Events a service (membership unless `address` says) recorded after
  // `after`, asked straight, as a service.
  int64_t EventsAfter(int64_t after, int64_t* last = nullptr,
                      std::string address = "") {
    if (address.empty()) address = suite_->membership_address();
    auto channel =
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    auto stub = events::v1::EventFeedService::NewStub(channel);
    auth::Caller service;
    service.key_id = "e2e-test";
    service.role = auth::Role::kService;
    service.expires = absl::Now() + absl::Minutes(1);
    int64_t count = 0;
    while (true) {
      grpc::ClientContext context;
      context.AddMetadata(auth::kPrincipalMetadataKey,
                          suite_->service_signer().Sign(service));
      events::v1::ListEventsRequest request;
      request.set_after_sequence(after);
      request.set_page_size(1000);
      events::v1::ListEventsResponse response;
      grpc::Status s = stub->ListEvents(&context, request, &response);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok() || response.events_size() == 0) break;
      count += response.events_size();
      after = response.last_sequence();
    }
    if (last) *last = after;
    return count;
  }

  std::unique_ptr<testing::Suite> suite_;
  // The deadline Call sets (zero: none).
  absl::Duration call_deadline_ = absl::Seconds(20);
  std::shared_ptr<grpc::Channel> gateway_;
  std::string root_key_;
};

// Every RPC of every service behind the gateway, aimed at union B's data:
// union A's admin never sees or changes it; the federation admin does.
// Every API service linked into this test, found from the descriptors
// rather than a list kept by hand: unionhub.<area>.v1 services of the areas
// the suite routes (a new service's RPCs are swept the day they exist), and,
// when asked, the gateway's own.
std::vector<const google::protobuf::ServiceDescriptor*> RoutedServices(
    bool with_gateway) {
  std::set<std::string> areas = {"membership", "welfare", "democracy",
                                 "reporting"};
  if (with_gateway) areas.insert("gateway");
  std::vector<std::string> files;
  DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const std::string& name : files) {
    if (!absl::StartsWith(name, "unionhub/")) continue;
    const auto* file = DescriptorPool::generated_pool()->FindFileByName(name);
    if (file == nullptr) continue;
    std::vector<std::string> package = absl::StrSplit(file->package(), '.');
    if (package.size() != 3 || !areas.count(package[1])) continue;
    for (int s = 0; s < file->service_count(); ++s)
      services.push_back(file->service(s));
  }
  return services;
}

// Membership, welfare and democracy driven through the gateway as a tenant
// and the federation would; reporting, following their feeds, shows what
// they recorded at every level.
TEST_P(GatewayE2eTest, ReportingShowsWhatTheServicesRecorded) {
  const std::string kMember = "unionhub.membership.v1.MemberService/";
  const std::string kCondolence = "unionhub.welfare.v1.CondolenceService/";
  const std::string kCase = "unionhub.welfare.v1.CaseService/";
  const std::string kCongress = "unionhub.democracy.v1.CongressService/";
  const std::string kRepresentative =
      "unionhub.democracy.v1.RepresentativeService/";
  const std::string root = JsonField(
      MustCall(root_key_, "unionhub.gateway.v1.AuthService/WhoAmI", "{}"),
      "organisation_id");
  const std::string district =
      CreateOrganisation(root, "某区总工会", "ORGANISATION_TYPE_DISTRICT");
  const std::string s1 =
      CreateOrganisation(district, "甲厂工会", "ORGANISATION_TYPE_GRASSROOTS");
  const std::string s2 =
      CreateOrganisation(district, "乙厂工会", "ORGANISATION_TYPE_GRASSROOTS");
  const std::string admin = IssueKey(root_key_, s1, "ROLE_UNION_ADMIN");
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), BeijingTime());
  const std::string year = absl::StrCat(today.year());
  std::map<std::string, std::string> ids = {
      {"{TODAY}", FormatDate(today)},
      {"{YEAR}", year},
      {"{NEXT}", absl::StrCat(today.year() + 2)},
      {"{S1}", s1},
      {"{S2}", s2}};
  // Four members (odd seq: men; even: women); one transferred to S2 today.
  for (int seq = 61; seq <= 64; ++seq)
    ids[absl::StrCat("{M", seq, "}")] = CreateMember(admin, s1, seq);
  ids["{M65}"] = JsonField(
      MustCall(admin, kMember + "CreateMember",
               absl::StrCat(R"({"member":{"organisation_id":")", s1,
                            R"(","name":"王五","id_number":")", IdNumber(65),
                            R"(","employment_type":"EMPLOYMENT_TYPE_MIGRANT",
                            "join_date":"2020-03-01"}})")),
      "id");
  auto expand = [&](const std::string& json) {
    return absl::StrReplaceAll(json, ids);
  };
  MustCall(root_key_, kMember + "TransferMember",
           expand(R"({"id":"{M61}","target_organisation_id":"{S2}",
                      "effective_date":"{TODAY}"})"));
  auto person_of = [&](const std::string& member) {
    return JsonField(
        MustCall(admin, kMember + "GetMember",
                 expand(absl::StrCat(R"({"id":")", member, R"("})"))),
        "person_id");
  };
  ids["{P62}"] = person_of(ids["{M62}"]);
  ids["{P63}"] = person_of(ids["{M63}"]);
  // Welfare: a sickness visit under S1's standard, and a letter received.
  MustCall(admin, kCondolence + "CreateCondolenceStandard",
           expand(R"({"standard":{"organisation_id":"{S1}",
               "event":"CONDOLENCE_EVENT_SICKNESS","effective_date":"{YEAR}-01-01",
               "min_amount_fen":20000,"max_amount_fen":50000,
               "paying_level":"PAYING_LEVEL_UNION","form":"CONDOLENCE_FORM_CASH"}})"));
  MustCall(admin, kCondolence + "RecordCondolenceVisit",
           expand(R"({"visit":{"person_id":"{P62}",
               "event":"CONDOLENCE_EVENT_SICKNESS","visit_date":"{TODAY}",
               "amount_fen":30000,"note":"住院"}})"));
  MustCall(admin, kCase + "CreateCase",
           expand(R"({"case":{"kind":"CASE_KIND_LETTER_VISIT",
               "channel":"CASE_CHANNEL_LETTER","category":"CASE_CATEGORY_CONTRACT",
               "summary":"合同纠纷","received_date":"{TODAY}"}})"));
  // Democracy: a congress term with two representatives elected (one woman).
  ids["{TERM}"] =
      JsonField(MustCall(admin, kCongress + "CreateCongressTerm",
                         expand(R"({"term":{"organisation_id":"{S1}",
                   "kind":"CONGRESS_KIND_WORKERS","number":1,
                   "start_date":"{YEAR}-01-01","end_date":"{NEXT}-12-31"}})")),
                "id");
  for (const char* person : {"{P62}", "{P63}"}) {
    MustCall(admin, kRepresentative + "ElectRepresentative",
             expand(absl::StrCat(R"({"representative":{"term_id":"{TERM}",
                 "person_id":")",
                                 person,
                                 R"(","group":"REPRESENTATIVE_GROUP_FRONTLINE",
                 "delegation":"一车间","elected_date":"{YEAR}-01-01"}})")));
  }

  // Reporting follows: S1's figures once its last change has come through.
  auto figures = [&](const std::string& org) {
    std::map<std::string, std::pair<int64_t, int64_t>> out;  // own, subtree
    Reply r = Call(root_key_, "unionhub.reporting.v1.FigureService/GetFigures",
                   absl::StrCat(R"({"organisation_id":")", org, R"(","year":)",
                                year, "}"));
    if (!r.status.ok()) return out;
    reporting::v1::GetFiguresResponse got;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.json, &got).ok());
    for (const auto& f : got.figures())
      out[f.code()] = {f.own().value(), f.subtree().value()};
    return out;
  };
  // The three feeds are followed independently, so wait for the last record
  // of each: the transfer (membership), the letter (welfare), the second
  // representative (democracy).
  std::map<std::string, std::pair<int64_t, int64_t>> f1;
  auto caught_up = [&] {
    return f1["members.departed"].first >= 1 &&
           f1["cases.letters_received"].first >= 1 &&
           f1["representatives.seated"].first >= 2;
  };
  for (int i = 0; i < 300 && !caught_up(); ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    f1 = figures(s1);
  }
  using Own = std::pair<int64_t, int64_t>;
  EXPECT_EQ(f1["members.active"], Own(4, 4));  // 62, 63, 64, 65.
  EXPECT_EQ(f1["members.women"], Own(2, 2));
  EXPECT_EQ(f1["members.migrant"], Own(1, 1));
  EXPECT_EQ(f1["members.departed"], Own(1, 1));  // 61, transferred out.
  EXPECT_EQ(f1["condolence.visits"], Own(1, 1));
  EXPECT_EQ(f1["condolence.fen"], Own(30000, 30000));
  EXPECT_EQ(f1["cases.letters_received"], Own(1, 1));
  EXPECT_EQ(f1["representatives.seated"], Own(2, 2));
  EXPECT_EQ(f1["representatives.women"], Own(1, 1));
  auto f2 = figures(s2);
  EXPECT_EQ(f2["members.active"], Own(1, 1));
  EXPECT_EQ(f2["members.transferred_in"], Own(1, 1));
  auto fd = figures(district);
  EXPECT_EQ(fd["members.active"], Own(0, 5));
  EXPECT_EQ(fd["organisations.grassroots"], Own(0, 2));
  EXPECT_EQ(fd["condolence.fen"], Own(0, 30000));
  // S1's own key reads its own figures, and nothing of S2.
  EXPECT_EQ(Call(admin, "unionhub.reporting.v1.FigureService/GetFigures",
                 absl::StrCat(R"({"organisation_id":")", s2, R"(","year":)",
                              year, "}"))
                .status.error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(GatewayE2eTest, TenantIsolationSweepOverEveryRpc) {
  const std::string kOrg = "unionhub.membership.v1.OrganisationService/";
  const std::string kMember = "unionhub.membership.v1.MemberService/";
  const std::string kCommittee = "unionhub.membership.v1.CommitteeService/";
  const std::string kEnterprise = "unionhub.membership.v1.EnterpriseService/";
  const std::string kWorker = "unionhub.membership.v1.ModelWorkerService/";
  const std::string kActivity = "unionhub.membership.v1.ActivityService/";
  const std::string kAudit = "unionhub.membership.v1.AuditService/";
  const std::string kHardship = "unionhub.welfare.v1.HardshipService/";
  const std::string kWelfareAudit = "unionhub.welfare.v1.AuditService/";
  const std::string kFund = "unionhub.welfare.v1.FundService/";
  const std::string kCampaign = "unionhub.welfare.v1.CampaignService/";
  const std::string kAid = "unionhub.welfare.v1.AidApplicationService/";
  const std::string kCondolence = "unionhub.welfare.v1.CondolenceService/";
  const std::string kCase = "unionhub.welfare.v1.CaseService/";
  const std::string kDonation = "unionhub.welfare.v1.DonationService/";
  const std::string kInsurance = "unionhub.welfare.v1.InsuranceService/";
  const std::string kStudent = "unionhub.welfare.v1.StudentService/";
  const std::string kCongress = "unionhub.democracy.v1.CongressService/";
  const std::string kRepresentative =
      "unionhub.democracy.v1.RepresentativeService/";
  const std::string kMeeting = "unionhub.democracy.v1.MeetingService/";
  const std::string kDemocracyAudit = "unionhub.democracy.v1.AuditService/";
  const std::string kProposal = "unionhub.democracy.v1.ProposalService/";
  const std::string kEvaluation = "unionhub.democracy.v1.EvaluationService/";
  const std::string kDisclosure = "unionhub.democracy.v1.DisclosureService/";
  const std::string kContract = "unionhub.democracy.v1.ContractService/";
  const std::string kFigure = "unionhub.reporting.v1.FigureService/";
  const std::string kFeeds = "unionhub.reporting.v1.FeedStatusService/";
  const std::string kStatistics = "unionhub.reporting.v1.StatisticsService/";
  const std::string kSummary = "unionhub.reporting.v1.WorkSummaryService/";

  std::string root = JsonField(
      MustCall(root_key_, "unionhub.gateway.v1.AuthService/WhoAmI", "{}"),
      "organisation_id");
  std::string a =
      CreateOrganisation(root, "甲校工会", "ORGANISATION_TYPE_GRASSROOTS");
  std::string b =
      CreateOrganisation(root, "乙校工会", "ORGANISATION_TYPE_GRASSROOTS");
  std::string a_admin = IssueKey(root_key_, a, "ROLE_UNION_ADMIN");
  std::string b_admin = IssueKey(root_key_, b, "ROLE_UNION_ADMIN");

  // Union B's data of every kind, made by B itself.
  std::map<std::string, std::string> ids = {{"{A}", a}, {"{B}", b}};
  ids["{B_M1}"] = CreateMember(b_admin, b, 1);
  ids["{B_M2}"] = CreateMember(b_admin, b, 2);
  ids["{B_M3}"] = CreateMember(b_admin, b, 3);
  ids["{B_M4}"] = CreateMember(b_admin, b, 4);
  ids["{B_TERM}"] = JsonField(
      MustCall(
          b_admin, kCommittee + "CreateCommitteeTerm",
          absl::StrReplaceAll(
              R"({"term":{"organisation_id":"{B}","start_date":"2016-06-01",
                   "length_years":5,"election":{"election_date":"2016-06-01",
                   "eligible_voters":90,"voters_present":80}}})",
              ids)),
      "id");
  ids["{B_OFFICER}"] = JsonField(
      MustCall(
          b_admin, kCommittee + "ElectOfficer",
          absl::StrReplaceAll(R"({"term_id":"{B_TERM}","member_id":"{B_M1}",
                   "position":"OFFICER_POSITION_CHAIR","votes_for":70})",
                              ids)),
      "id");
  ids["{B_ENT}"] = JsonField(
      MustCall(b_admin, kEnterprise + "CreateEnterprise",
               absl::StrReplaceAll(
                   absl::StrCat(R"({"enterprise":{"organisation_id":"{B}",
                   "name":"某纺织厂","employees":40,"required_to_found":true,
                   "credit_code":")",
                                CreditCode(1), R"("}})"),
                   ids)),
      "id");
  ids["{B_MW}"] = JsonField(
      MustCall(b_admin, kWorker + "CreateModelWorker",
               absl::StrReplaceAll(R"({"model_worker":{"member_id":"{B_M1}",
                   "level":"MODEL_WORKER_LEVEL_NATIONAL","title":"全国劳动模范",
                   "award_year":2020}})",
                                   ids)),
      "id");
  ids["{B_ACT}"] = JsonField(
      MustCall(b_admin, kActivity + "CreateActivity",
               absl::StrReplaceAll(R"({"activity":{"organisation_id":"{B}",
                   "name":"无偿献血","kind":"ACTIVITY_KIND_BLOOD_DONATION",
                   "start_date":"2026-06-14","end_date":"2026-06-14"}})",
                                   ids)),
      "id");
  ids["{CREDIT_2}"] = CreditCode(2);
  ids["{ID_5}"] = IdNumber(5);
  auto person_of = [&](const std::string& member) {
    return JsonField(MustCall(b_admin, kMember + "GetMember",
                              absl::StrCat(R"({"id":")", member, R"("})")),
                     "person_id");
  };
  ids["{B_M1_PERSON}"] = person_of(ids["{B_M1}"]);
  ids["{B_M4_PERSON}"] = person_of(ids["{B_M4}"]);
  const absl::CivilDay today = absl::ToCivilDay(absl::Now(), BeijingTime());
  ids["{TODAY}"] = FormatDate(today);
  ids["{IN_A_WEEK}"] = FormatDate(today + 7);
  ids["{YEAR}"] = absl::StrCat(today.year());
  ids["{B_M2_PERSON}"] = person_of(ids["{B_M2}"]);
  // A hardship file of B's on publicity, with an objection.
  ids["{B_HF}"] = JsonField(
      MustCall(b_admin, kHardship + "CreateHardshipFile",
               absl::StrReplaceAll(R"({"file":{"person_id":"{B_M1_PERSON}",
                   "household_size":3,"monthly_income_per_capita_fen":80000,
                   "level":"HARDSHIP_LEVEL_DEEP",
                   "causes":["HARDSHIP_CAUSE_ILLNESS"]}})",
                                   ids)),
      "id");
  MustCall(b_admin, kHardship + "StartHardshipPublicity",
           absl::StrReplaceAll(R"({"id":"{B_HF}","start_date":"{TODAY}",
               "end_date":"{IN_A_WEEK}"})",
                               ids));
  ids["{B_OBJ}"] =
      JsonField(MustCall(b_admin, kHardship + "FileHardshipObjection",
                         absl::StrReplaceAll(R"({"file_id":"{B_HF}",
                   "filed_date":"{TODAY}","content":"收入情况待核实"})",
                                             ids)),
                "id");

  // B's fund and campaign for its active members, an application made and
  // another reviewed.
  ids["{B_FUND}"] = JsonField(
      MustCall(b_admin, kFund + "CreateFund",
               absl::StrReplaceAll(R"({"fund":{"organisation_id":"{B}",
                   "year":{YEAR},"name":"乙校慰问金","budget_fen":1000000}})",
                                   ids)),
      "id");
  ids["{B_CAMP}"] =
      JsonField(MustCall(b_admin, kCampaign + "CreateCampaign",
                         absl::StrReplaceAll(R"({"campaign":{"name":"乙校慰问",
                   "kind":"CAMPAIGN_KIND_OTHER","start_date":"{YEAR}-01-01",
                   "end_date":"{YEAR}-12-31","fund_id":"{B_FUND}",
                   "eligibility":"ELIGIBILITY_ACTIVE_MEMBERS",
                   "min_amount_fen":10000,"max_amount_fen":100000}})",
                                             ids)),
                "id");
  auto apply = [&](const std::string& person) {
    return JsonField(
        MustCall(b_admin, kAid + "CreateAidApplication",
                 absl::StrReplaceAll(
                     absl::StrCat(R"({"application":{"campaign_id":"{B_CAMP}",
                       "person_id":")",
                                  person, R"(","requested_fen":50000,
                       "reason":"住院慰问"}})"),
                     ids)),
        "id");
  };
  ids["{B_APP}"] = apply(ids["{B_M1_PERSON}"]);
  ids["{B_APP2}"] = apply(ids["{B_M2_PERSON}"]);
  MustCall(b_admin, kAid + "ReviewAidApplication",
           absl::StrReplaceAll(R"({"id":"{B_APP2}"})", ids));
  // A third, paid: the payment the federation reverses.
  ids["{B_APP3}"] = apply(ids["{B_M4_PERSON}"]);
  MustCall(b_admin, kAid + "ReviewAidApplication",
           absl::StrReplaceAll(R"({"id":"{B_APP3}"})", ids));
  MustCall(root_key_, kAid + "ApproveAidApplication",
           absl::StrReplaceAll(R"({"id":"{B_APP3}"})", ids));
  ids["{B_PAYMENT}"] = JsonField(
      MustCall(
          b_admin, kAid + "PayAidApplication",
          absl::StrReplaceAll(
              R"({"application_id":"{B_APP3}","paid_date":"{TODAY}"})", ids)),
      "id");
  // B's standard for sickness visits, and a visit under it.
  MustCall(b_admin, kCondolence + "CreateCondolenceStandard",
           absl::StrReplaceAll(R"({"standard":{"organisation_id":"{B}",
               "event":"CONDOLENCE_EVENT_SICKNESS","effective_date":"{YEAR}-01-01",
               "min_amount_fen":20000,"max_amount_fen":50000,
               "paying_level":"PAYING_LEVEL_UNION","form":"CONDOLENCE_FORM_CASH"}})",
                               ids));
  ids["{B_VISIT}"] = JsonField(
      MustCall(b_admin, kCondolence + "RecordCondolenceVisit",
               absl::StrReplaceAll(R"({"visit":{"person_id":"{B_M1_PERSON}",
                   "event":"CONDOLENCE_EVENT_SICKNESS","visit_date":"{TODAY}",
                   "amount_fen":30000,"note":"住院"}})",
                                   ids)),
      "id");
  // Two cases B received.
  auto receive = [&] {
    return JsonField(
        MustCall(b_admin, kCase + "CreateCase",
                 absl::StrReplaceAll(R"({"case":{"kind":"CASE_KIND_RIGHTS",
                     "channel":"CASE_CHANNEL_PHONE","category":"CASE_CATEGORY_WAGES",
                     "summary":"欠薪","received_date":"{TODAY}"}})",
                                     ids)),
        "id");
  };
  ids["{B_CASE}"] = receive();
  ids["{B_CASE2}"] = receive();
  // B's donation drive with a pledge not yet received.
  ids["{B_DRIVE}"] =
      JsonField(MustCall(b_admin, kDonation + "CreateDonationDrive",
                         absl::StrReplaceAll(R"({"drive":{"name":"慈善一日捐",
                   "purpose":"DONATION_PURPOSE_CHARITY_DAY",
                   "start_date":"{YEAR}-01-01","end_date":"{YEAR}-12-31"}})",
                                             ids)),
                "id");
  ids["{B_DON}"] = JsonField(
      MustCall(b_admin, kDonation + "RecordDonation",
               absl::StrReplaceAll(R"({"donation":{"drive_id":"{B_DRIVE}",
                   "donor_unit":"教务处","form":"DONATION_FORM_MONEY",
                   "pledged":10000,"pledge_date":"{TODAY}"}})",
                                   ids)),
      "id");

  // B's member enrolled in the accident plan, with a claim.
  ids["{B_ENROL}"] = JsonField(
      MustCall(b_admin, kInsurance + "EnrolInsurance",
               absl::StrReplaceAll(R"({"enrolment":{"person_id":"{B_M1_PERSON}",
                   "plan":"INSURANCE_PLAN_ACCIDENT","year":{YEAR},
                   "premium_fen":2000,"coverage_fen":500000}})",
                                   ids)),
      "id");
  ids["{B_CLAIM}"] = JsonField(
      MustCall(b_admin, kInsurance + "FileInsuranceClaim",
               absl::StrReplaceAll(R"({"claim":{"enrolment_id":"{B_ENROL}",
                   "event_date":"{TODAY}","description":"摔伤","claimed_fen":30000}})",
                                   ids)),
      "id");

  // B's 金秋助学: a member's child, and this school year's award applied for.
  ids["{B_STU}"] = JsonField(
      MustCall(b_admin, kStudent + "CreateStudent",
               absl::StrReplaceAll(R"({"student":{"person_id":"{B_M1_PERSON}",
                   "name":"李小龙","school":"市一中","level":"STUDENT_LEVEL_HIGH_SCHOOL",
                   "admission_year":{YEAR}}})",
                                   ids)),
      "id");
  ids["{B_CAMP_STU}"] = JsonField(
      MustCall(b_admin, kCampaign + "CreateCampaign",
               absl::StrReplaceAll(R"({"campaign":{"name":"乙校金秋助学",
                   "kind":"CAMPAIGN_KIND_STUDENT_AID","start_date":"{YEAR}-01-01",
                   "end_date":"{YEAR}-12-31","fund_id":"{B_FUND}",
                   "eligibility":"ELIGIBILITY_ACTIVE_MEMBERS",
                   "min_amount_fen":100000,"max_amount_fen":200000}})",
                                   ids)),
      "id");
  ids["{B_APP_STU}"] = JsonField(
      MustCall(
          b_admin, kAid + "CreateAidApplication",
          absl::StrReplaceAll(R"({"application":{"campaign_id":"{B_CAMP_STU}",
                   "person_id":"{B_M1_PERSON}","student_id":"{B_STU}",
                   "requested_fen":100000,"reason":"金秋助学"}})",
                              ids)),
      "id");

  // B's 教代会: a term with three representatives seated and a fourth
  // awaiting review, a session open with all three present, a vote open on
  // one agenda item and a vote closed on another; a second session planned.
  ids["{YEAR_PLUS_2}"] = absl::StrCat(today.year() + 2);
  ids["{B_M3_PERSON}"] = person_of(ids["{B_M3}"]);
  ids["{B_M8_PERSON}"] = person_of(CreateMember(b_admin, b, 8));
  ids["{B_DTERM}"] = JsonField(
      MustCall(b_admin, kCongress + "CreateCongressTerm",
               absl::StrReplaceAll(R"({"term":{"organisation_id":"{B}",
                   "kind":"CONGRESS_KIND_TEACHERS","number":2,
                   "start_date":"{YEAR}-01-01","end_date":"{YEAR_PLUS_2}-12-31"}})",
                                   ids)),
      "id");
  auto elect = [&](const std::string& person) {
    return JsonField(
        MustCall(b_admin, kRepresentative + "ElectRepresentative",
                 absl::StrReplaceAll(
                     absl::StrCat(R"({"representative":{"term_id":"{B_DTERM}",
                       "person_id":")",
                                  person,
                                  R"(","group":"REPRESENTATIVE_GROUP_TEACHER",
                       "delegation":"第一组","elected_date":"{YEAR}-01-01"}})"),
                     ids)),
        "id");
  };
  for (const char* n : {"1", "2", "3"}) {
    std::string rep = absl::StrCat("{B_REP", n, "}");
    ids[rep] = elect(ids[absl::StrCat("{B_M", n, "_PERSON}")]);
    MustCall(b_admin, kRepresentative + "ReviewRepresentative",
             absl::StrCat(R"({"id":")", ids[rep], R"(","qualified":true})"));
  }
  MustCall(
      b_admin, kRepresentative + "CompleteQualificationReview",
      absl::StrReplaceAll(R"({"term_id":"{B_DTERM}","review_date":"{TODAY}",
               "report":"代表资格均有效"})",
                          ids));
  ids["{B_REP4}"] = elect(ids["{B_M4_PERSON}"]);
  auto plan_session = [&] {
    return JsonField(
        MustCall(b_admin, kCongress + "CreateCongressSession",
                 absl::StrReplaceAll(R"({"session":{"term_id":"{B_DTERM}",
                     "start_date":"{TODAY}","end_date":"{TODAY}"}})",
                                     ids)),
        "id");
  };
  ids["{B_SESS}"] = plan_session();
  ids["{B_SESS2}"] = plan_session();
  MustCall(b_admin, kCongress + "OpenCongressSession",
           absl::StrReplaceAll(R"({"id":"{B_SESS}"})", ids));
  MustCall(b_admin, kMeeting + "RecordAttendance",
           absl::StrReplaceAll(R"({"session_id":"{B_SESS}","entries":[
               {"representative_id":"{B_REP1}","status":"ATTENDANCE_STATUS_PRESENT"},
               {"representative_id":"{B_REP2}","status":"ATTENDANCE_STATUS_PRESENT"},
               {"representative_id":"{B_REP3}","status":"ATTENDANCE_STATUS_PRESENT"}]})",
                               ids));
  auto add_item = [&](const std::string& title,
                      const std::string& kind = "AGENDA_ITEM_KIND_PLAN") {
    return JsonField(
        MustCall(b_admin, kMeeting + "AddAgendaItem",
                 absl::StrReplaceAll(
                     absl::StrCat(R"({"item":{"session_id":"{B_SESS}",
                       "kind":")",
                                  kind, R"(","title":")", title, R"("}})"),
                     ids)),
        "id");
  };
  ids["{B_ITEM}"] = add_item("绩效工资方案");
  ids["{B_ITEM2}"] = add_item("财务工作报告");
  auto open_vote = [&](const std::string& item) {
    return JsonField(MustCall(b_admin, kMeeting + "OpenVote",
                              absl::StrCat(R"({"agenda_item_id":")", item,
                                           R"(","question":"是否通过"})")),
                     "id");
  };
  ids["{B_VOTE}"] = open_vote(ids["{B_ITEM}"]);
  ids["{B_VOTE2}"] = open_vote(ids["{B_ITEM2}"]);
  for (const char* rep : {"{B_REP1}", "{B_REP2}", "{B_REP3}"}) {
    MustCall(b_admin, kMeeting + "CastVote",
             absl::StrCat(R"({"vote_id":")", ids["{B_VOTE2}"],
                          R"(","representative_id":")", ids[rep],
                          R"(","choice":"VOTE_CHOICE_FOR"})"));
  }
  MustCall(
      b_admin, kMeeting + "CloseVote",
      absl::StrReplaceAll(
          R"({"id":"{B_VOTE2}","resolution_text":"通过财务工作报告"})", ids));
  MustCall(b_admin, kMeeting + "CastVote",
           absl::StrReplaceAll(
               R"({"vote_id":"{B_VOTE}","representative_id":"{B_REP1}",
               "choice":"VOTE_CHOICE_FOR"})",
               ids));
  // B's proposals in a session collecting them today: one accepted, two
  // submitted, one with its department, one replied.
  ids["{B_PSESS}"] = JsonField(
      MustCall(b_admin, kCongress + "CreateCongressSession",
               absl::StrReplaceAll(R"({"session":{"term_id":"{B_DTERM}",
                   "start_date":"{TODAY}","end_date":"{TODAY}",
                   "proposal_window_start_date":"{TODAY}",
                   "proposal_window_end_date":"{TODAY}"}})",
                                   ids)),
      "id");
  auto submit = [&] {
    return JsonField(
        MustCall(b_admin, kProposal + "SubmitProposal",
                 absl::StrReplaceAll(R"({"proposal":{"session_id":"{B_PSESS}",
                     "title":"关于食堂的建议","content":"增加窗口",
                     "proposer_id":"{B_REP1}","co_signer_ids":["{B_REP2}","{B_REP3}"]}})",
                                     ids)),
        "id");
  };
  for (const char* n : {"1", "2", "3", "4", "5"})
    ids[absl::StrCat("{B_PROP", n, "}")] = submit();
  for (const char* n : {"1", "4", "5"}) {
    MustCall(b_admin, kProposal + "TriageProposal",
             absl::StrCat(R"({"id":")", ids[absl::StrCat("{B_PROP", n, "}")],
                          R"(","outcome":"TRIAGE_OUTCOME_ACCEPT"})"));
  }
  for (const char* n : {"4", "5"}) {
    MustCall(b_admin, kProposal + "AssignProposal",
             absl::StrReplaceAll(
                 absl::StrCat(
                     R"({"id":")", ids[absl::StrCat("{B_PROP", n, "}")],
                     R"(","department":"总务处","reply_deadline":"{TODAY}"})"),
                 ids));
  }
  MustCall(b_admin, kProposal + "ReplyProposal",
           absl::StrReplaceAll(
               R"({"id":"{B_PROP5}","reply":"已落实","reply_date":"{TODAY}"})",
               ids));
  // B's evaluation rounds at the open session: one open, one closed.
  auto open_round = [&] {
    return JsonField(
        MustCall(b_admin, kEvaluation + "CreateEvaluationRound",
                 absl::StrReplaceAll(R"({"round":{"session_id":"{B_SESS}",
                     "title":"校级领导民主测评","leaders":[{"name":"王校长","post":"校长"}]}})",
                                     ids)),
        "id");
  };
  ids["{B_ROUND}"] = open_round();
  ids["{B_ROUND2}"] = open_round();
  MustCall(b_admin, kEvaluation + "CloseEvaluationRound",
           absl::StrReplaceAll(R"({"id":"{B_ROUND2}"})", ids));
  // B's disclosure catalogue, an item on publicity and an objection to it.
  ids["{B_DENTRY}"] = JsonField(
      MustCall(b_admin, kDisclosure + "CreateDisclosureCatalogueEntry",
               absl::StrReplaceAll(R"({"entry":{"organisation_id":"{B}",
                   "category":"DISCLOSURE_CATEGORY_FINANCE","title":"财务收支",
                   "frequency":"DISCLOSURE_FREQUENCY_QUARTERLY","grace_days":15}})",
                                   ids)),
      "id");
  ids["{B_DITEM}"] = JsonField(
      MustCall(b_admin, kDisclosure + "PublishDisclosureItem",
               absl::StrReplaceAll(R"({"item":{"organisation_id":"{B}",
                   "category":"DISCLOSURE_CATEGORY_AWARDS","title":"评优结果",
                   "content":"拟评选5人","publicity_start_date":"{TODAY}",
                   "publicity_end_date":"{IN_A_WEEK}"}})",
                                   ids)),
      "id");
  ids["{B_DOBJ}"] = JsonField(
      MustCall(b_admin, kDisclosure + "FileDisclosureObjection",
               absl::StrReplaceAll(R"({"objection":{"item_id":"{B_DITEM}",
                   "filed_date":"{TODAY}","content":"程序有误"}})",
                                   ids)),
      "id");
  // B's collective contracts: a draft, and one the congress approved by a
  // vote on it.
  ids["{YEAR_PLUS_3}"] = absl::StrCat(today.year() + 3);
  ids["{B_CVOTE}"] = open_vote(
      add_item("集体合同草案", "AGENDA_ITEM_KIND_COLLECTIVE_CONTRACT"));
  for (const char* rep : {"{B_REP1}", "{B_REP2}", "{B_REP3}"}) {
    MustCall(b_admin, kMeeting + "CastVote",
             absl::StrCat(R"({"vote_id":")", ids["{B_CVOTE}"],
                          R"(","representative_id":")", ids[rep],
                          R"(","choice":"VOTE_CHOICE_FOR"})"));
  }
  MustCall(b_admin, kMeeting + "CloseVote",
           absl::StrReplaceAll(
               R"({"id":"{B_CVOTE}","resolution_text":"通过集体合同"})", ids));
  auto draft_contract = [&] {
    return JsonField(
        MustCall(b_admin, kContract + "CreateCollectiveContract",
                 absl::StrReplaceAll(R"({"contract":{"organisation_id":"{B}",
                     "kind":"CONTRACT_KIND_COMPREHENSIVE","title":"集体合同",
                     "employer":"乙校","start_date":"{YEAR}-01-01",
                     "end_date":"{YEAR_PLUS_2}-12-30","workers_covered":80}})",
                                     ids)),
        "id");
  };
  ids["{B_CONTRACT}"] = draft_contract();
  ids["{B_CONTRACT2}"] = draft_contract();
  MustCall(b_admin, kContract + "ApproveCollectiveContract",
           absl::StrReplaceAll(
               R"({"id":"{B_CONTRACT2}","vote_id":"{B_CVOTE}"})", ids));

  // Etags are read fresh before each call, so the federation's writes are
  // judged on what they may do, not on a stale etag.
  auto etag = [&](const std::string& get, const std::string& id) {
    return JsonField(
        MustCall(root_key_, get, absl::StrCat(R"({"id":")", id, R"("})")),
        "etag");
  };
  std::map<std::string, std::function<std::string()>> etags = {
      {"{B_ETAG}", [&] { return etag(kOrg + "GetOrganisation", b); }},
      {"{B_M1_ETAG}",
       [&] { return etag(kMember + "GetMember", ids["{B_M1}"]); }},
      {"{B_M2_ETAG}",
       [&] { return etag(kMember + "GetMember", ids["{B_M2}"]); }},
      {"{B_M3_ETAG}",
       [&] { return etag(kMember + "GetMember", ids["{B_M3}"]); }},
      {"{B_ENT_ETAG}",
       [&] { return etag(kEnterprise + "GetEnterprise", ids["{B_ENT}"]); }},
      {"{B_MW_ETAG}",
       [&] { return etag(kWorker + "GetModelWorker", ids["{B_MW}"]); }},
      {"{B_HF_ETAG}",
       [&] { return etag(kHardship + "GetHardshipFile", ids["{B_HF}"]); }},
      {"{B_FUND_ETAG}",
       [&] { return etag(kFund + "GetFund", ids["{B_FUND}"]); }},
      {"{B_STU_ETAG}",
       [&] { return etag(kStudent + "GetStudent", ids["{B_STU}"]); }},
  };
  auto expand = [&](const std::string& json) {
    std::map<std::string, std::string> values = ids;
    for (const auto& [name, read] : etags) {
      if (absl::StrContains(json, name)) values[name] = read();
    }
    return absl::StrReplaceAll(json, values);
  };

  struct Case {
    std::string json;  // Aimed at union B.
    grpc::StatusCode federation = grpc::StatusCode::OK;
  };
  // In the order the federation runs them (some change what later ones see).
  const std::vector<std::pair<std::string, Case>> cases = {
      // Reporting: figures of B, and the feeds (the federation's only).
      {kFigure + "GetFigures", {R"({"organisation_id":"{B}","year":{YEAR},
           "indicator_codes":["members.active","rate.founding"]})"}},
      {kFigure + "RankChildren",
       {R"({"organisation_id":"{B}","indicator_code":"members.active",
           "year":{YEAR}})"}},
      {kFigure + "GetTrend",
       {R"({"organisation_id":"{B}","indicator_code":"members.active",
           "year":{YEAR},"year_kind":"YEAR_KIND_STATISTICS"})"}},
      {kFeeds + "GetFeedStatus", {"{}"}},
      // A union fills in its own form; a union above reviews or exempts it.
      {kStatistics + "GetStatisticsForm",
       {R"({"organisation_id":"{B}","year":{YEAR}})"}},
      {kStatistics + "UpdateStatisticsForm",
       {R"({"organisation_id":"{B}","year":{YEAR},"hand_values":{"employees":50}})",
        grpc::StatusCode::PERMISSION_DENIED}},
      {kStatistics + "SubmitStatisticsForm",
       {R"({"organisation_id":"{B}","year":{YEAR}})",
        grpc::StatusCode::PERMISSION_DENIED}},
      {kStatistics + "ReviewStatisticsForm",
       {R"({"organisation_id":"{B}","year":{YEAR},"approve":true})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kStatistics + "ListChildForms",
       {R"({"organisation_id":"{B}","year":{YEAR}})"}},
      // A union's officers write its own summary; those above read it.
      {kSummary + "DraftWorkSummary",
       {R"({"organisation_id":"{B}","year":{YEAR}})"}},
      {kSummary + "SaveWorkSummary",
       {R"({"organisation_id":"{B}","year":{YEAR},"sections":[{"code":"opening",
           "sentences":[{"text":"一年来工作总结如下。"}]}]})",
        grpc::StatusCode::PERMISSION_DENIED}},
      {kSummary + "GetWorkSummary",
       {R"({"organisation_id":"{B}","year":{YEAR}})",
        grpc::StatusCode::NOT_FOUND}},
      {kSummary + "ListWorkSummaryVersions",
       {R"({"organisation_id":"{B}","year":{YEAR}})"}},
      {kStatistics + "ExemptStatisticsForm",
       {R"({"organisation_id":"{B}","year":{YEAR},"reason":"本年新建会"})"}},
      {kOrg + "GetOrganisation", {R"({"id":"{B}"})"}},
      {kOrg + "ListOrganisations", {R"({"parent_id":"{B}"})"}},
      {kOrg + "CreateOrganisation",
       {R"({"organisation":{"parent_id":"{B}","name":"乙校分工会","type":"ORGANISATION_TYPE_SUB_UNION"}})"}},
      {kOrg + "UpdateOrganisation",
       {R"({"organisation":{"id":"{B}","name":"乙校教职工工会"},"update_mask":"name","etag":"{B_ETAG}"})"}},
      // B still has members: closing is refused for that, not for the caller.
      {kOrg + "CloseOrganisation",
       {R"({"id":"{B}","etag":"{B_ETAG}"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kMember + "GetMember", {R"({"id":"{B_M1}"})"}},
      {kMember + "ListMembers", {R"({"organisation_id":"{B}"})"}},
      {kMember + "ListMemberStatusChanges", {R"({"member_id":"{B_M1}"})"}},
      {kMember + "CreateMember",
       {R"({"member":{"organisation_id":"{B}","name":"王五","id_number":"{ID_5}",
           "employment_type":"EMPLOYMENT_TYPE_STAFF","join_date":"2015-09-01"}})"}},
      {kMember + "UpdateMember",
       {R"({"member":{"id":"{B_M1}","phone":"13900001111"},"update_mask":"phone","etag":"{B_M1_ETAG}"})"}},
      {kMember + "ChangeMemberStatus",
       {R"({"id":"{B_M2}","status":"MEMBER_STATUS_RETIRED","effective_date":"2026-10-01","etag":"{B_M2_ETAG}"})"}},
      {kMember + "TransferMember",
       {R"({"id":"{B_M3}","target_organisation_id":"{A}","effective_date":"2026-10-01","etag":"{B_M3_ETAG}"})"}},
      {kCommittee + "ListCommitteeTerms", {R"({"organisation_id":"{B}"})"}},
      {kCommittee + "ListOfficers", {R"({"term_id":"{B_TERM}"})"}},
      {kCommittee + "ElectOfficer",
       {R"({"term_id":"{B_TERM}","member_id":"{B_M4}","position":"OFFICER_POSITION_VICE_CHAIR","votes_for":70})"}},
      {kCommittee + "EndOfficer",
       {R"({"id":"{B_OFFICER}","end_date":"2020-10-01","reason":"调离"})"}},
      {kCommittee + "CreateCommitteeTerm",
       {R"({"term":{"organisation_id":"{B}","start_date":"2021-06-01","length_years":5,
           "election":{"election_date":"2021-06-01","eligible_voters":90,"voters_present":80}}})"}},
      {kEnterprise + "GetEnterprise", {R"({"id":"{B_ENT}"})"}},
      {kEnterprise + "ListEnterprises", {R"({"organisation_id":"{B}"})"}},
      {kEnterprise + "GetFoundingStatistics", {R"({"organisation_id":"{B}"})"}},
      {kEnterprise + "CreateEnterprise",
       {R"({"enterprise":{"organisation_id":"{B}","name":"某机械厂","credit_code":"{CREDIT_2}","employees":30}})"}},
      {kEnterprise + "UpdateEnterprise",
       {R"({"enterprise":{"id":"{B_ENT}","employees":45},"update_mask":"employees","etag":"{B_ENT_ETAG}"})"}},
      {kEnterprise + "RecordUnionApplication",
       {R"({"id":"{B_ENT}","applied_date":"2026-03-01","etag":"{B_ENT_ETAG}"})"}},
      {kEnterprise + "RecordUnionFounded",
       {R"({"id":"{B_ENT}","union_organisation_id":"{B}","founded_date":"2026-04-01","etag":"{B_ENT_ETAG}"})"}},
      {kWorker + "GetModelWorker", {R"({"id":"{B_MW}"})"}},
      {kWorker + "ListModelWorkers", {R"({"organisation_id":"{B}"})"}},
      {kWorker + "CreateModelWorker",
       {R"({"model_worker":{"member_id":"{B_M4}","level":"MODEL_WORKER_LEVEL_CITY","title":"市劳动模范","award_year":2022}})"}},
      {kWorker + "UpdateModelWorker",
       {R"({"model_worker":{"id":"{B_MW}","title":"全国劳动模范（2020）"},"update_mask":"title","etag":"{B_MW_ETAG}"})"}},
      {kActivity + "GetActivity", {R"({"id":"{B_ACT}"})"}},
      {kActivity + "ListActivities", {R"({"organisation_id":"{B}"})"}},
      {kActivity + "ListParticipants", {R"({"activity_id":"{B_ACT}"})"}},
      {kActivity + "ListHonours", {R"({"organisation_id":"{B}"})"}},
      {kAudit + "ListAuditRecords", {R"({"query":{"organisation_id":"{B}"}})"}},
      {kActivity + "CreateActivity",
       {R"({"activity":{"organisation_id":"{B}","name":"职工运动会","kind":"ACTIVITY_KIND_SPORTS",
           "start_date":"2026-10-01","end_date":"2026-10-02"}})"}},
      {kActivity + "AddParticipants",
       {R"({"activity_id":"{B_ACT}","participants":[{"member_id":"{B_M1}"}]})"}},
      {kActivity + "RecordHonour",
       {R"({"honour":{"organisation_id":"{B}","title":"模范职工之家","level":"HONOUR_LEVEL_CITY",
           "awarded_by":"市总工会","award_date":"2026-04-28"}})"}},
      {kHardship + "GetHardshipFile", {R"({"id":"{B_HF}"})"}},
      {kHardship + "ListHardshipFiles", {R"({"organisation_id":"{B}"})"}},
      {kHardship + "ListHardshipObjections", {R"({"file_id":"{B_HF}"})"}},
      {kHardship + "ListHardshipFileSteps", {R"({"file_id":"{B_HF}"})"}},
      {kWelfareAudit + "ListAuditRecords",
       {R"({"query":{"organisation_id":"{B}"}})"}},
      // A's admin cannot see B's person, so cannot open a file for them.
      {kHardship + "CreateHardshipFile",
       {R"({"file":{"person_id":"{B_M4_PERSON}","household_size":2,
           "monthly_income_per_capita_fen":60000,"level":"HARDSHIP_LEVEL_RELATIVE",
           "causes":["HARDSHIP_CAUSE_UNEMPLOYMENT"]}})"}},
      // The file is on publicity: the federation is refused for that alone.
      {kHardship + "UpdateHardshipFile",
       {R"({"file":{"id":"{B_HF}","household_size":4},"update_mask":"household_size","etag":"{B_HF_ETAG}"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kHardship + "StartHardshipPublicity",
       {R"({"id":"{B_HF}","start_date":"{TODAY}","end_date":"{IN_A_WEEK}","etag":"{B_HF_ETAG}"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kHardship + "FileHardshipObjection",
       {R"({"file_id":"{B_HF}","filed_date":"{TODAY}","content":"另有房产"})"}},
      {kHardship + "AnswerHardshipObjection",
       {R"({"id":"{B_OBJ}","answer":"已核实","answered_date":"{TODAY}"})"}},
      // Its window is still open.
      {kHardship + "ApproveHardshipFile",
       {R"({"id":"{B_HF}","approved_date":"{TODAY}","etag":"{B_HF_ETAG}"})",
        grpc::StatusCode::INVALID_ARGUMENT}},
      {kHardship + "RecheckHardshipFile",
       {R"({"id":"{B_HF}","check_date":"{TODAY}","level":"HARDSHIP_LEVEL_DEEP","etag":"{B_HF_ETAG}"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kHardship + "ExitHardshipFile",
       {R"({"id":"{B_HF}","exit_date":"{TODAY}","exit_reason":"就业","etag":"{B_HF_ETAG}"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kFund + "GetFund", {R"({"id":"{B_FUND}"})"}},
      {kFund + "ListFunds", {R"({"organisation_id":"{B}"})"}},
      {kCampaign + "GetCampaign", {R"({"id":"{B_CAMP}"})"}},
      {kCampaign + "ListCampaigns", {R"({"organisation_id":"{B}"})"}},
      {kAid + "GetAidApplication", {R"({"id":"{B_APP}"})"}},
      {kAid + "ListAidApplications", {R"({"organisation_id":"{B}"})"}},
      {kAid + "ListAidApplicationSteps", {R"({"application_id":"{B_APP}"})"}},
      {kAid + "ListAidPayments", {R"({"organisation_id":"{B}"})"}},
      {kFund + "CreateFund",
       {R"({"fund":{"organisation_id":"{B}","year":{YEAR},"name":"乙校助学金","budget_fen":500000}})"}},
      {kFund + "UpdateFund",
       {R"({"fund":{"id":"{B_FUND}","budget_fen":2000000},"update_mask":"budget_fen","etag":"{B_FUND_ETAG}"})"}},
      {kCampaign + "CreateCampaign",
       {R"({"campaign":{"name":"乙校金秋助学","kind":"CAMPAIGN_KIND_STUDENT_AID",
           "start_date":"{YEAR}-01-01","end_date":"{YEAR}-12-31","fund_id":"{B_FUND}",
           "eligibility":"ELIGIBILITY_ACTIVE_MEMBERS","min_amount_fen":10000,"max_amount_fen":10000}})"}},
      {kAid + "CreateAidApplication",
       {R"({"application":{"campaign_id":"{B_CAMP}","person_id":"{B_M4_PERSON}",
           "requested_fen":20000,"reason":"生育慰问"}})"}},
      {kAid + "ReviewAidApplication", {R"({"id":"{B_APP}","note":"属实"})"}},
      {kAid + "RejectAidApplication",
       {R"({"id":"{B_APP}","reason":"不符合条件"})"}},
      {kAid + "ApproveAidApplication", {R"({"id":"{B_APP2}"})"}},
      {kAid + "PayAidApplication",
       {R"({"application_id":"{B_APP2}","paid_date":"{TODAY}"})"}},
      {kAid + "ReverseAidPayment",
       {R"({"payment_id":"{B_PAYMENT}","reversed_date":"{TODAY}",
           "reason":"重复发放"})"}},
      {kCampaign + "CloseCampaign", {R"({"id":"{B_CAMP}"})"}},
      {kCondolence + "ListCondolenceStandards",
       {R"({"organisation_id":"{B}"})"}},
      {kCondolence + "GetEffectiveCondolenceStandards",
       {R"({"organisation_id":"{B}"})"}},
      {kCondolence + "GetCondolenceVisit", {R"({"id":"{B_VISIT}"})"}},
      {kCondolence + "ListCondolenceVisits", {R"({"organisation_id":"{B}"})"}},
      {kCondolence + "CreateCondolenceStandard",
       {R"({"standard":{"organisation_id":"{B}","event":"CONDOLENCE_EVENT_MARRIAGE",
           "effective_date":"{YEAR}-01-01","min_amount_fen":50000,"max_amount_fen":50000,
           "paying_level":"PAYING_LEVEL_UNION","form":"CONDOLENCE_FORM_IN_KIND"}})"}},
      {kCondolence + "RecordCondolenceVisit",
       {R"({"visit":{"person_id":"{B_M4_PERSON}","event":"CONDOLENCE_EVENT_SICKNESS",
           "visit_date":"{TODAY}","amount_fen":20000}})"}},
      {kCase + "GetCase", {R"({"id":"{B_CASE}"})"}},
      {kCase + "ListCases", {R"({"organisation_id":"{B}"})"}},
      {kCase + "CreateCase",
       {R"({"case":{"organisation_id":"{B}","kind":"CASE_KIND_LETTER_VISIT",
           "channel":"CASE_CHANNEL_LETTER","category":"CASE_CATEGORY_CONTRACT",
           "summary":"合同纠纷","received_date":"{TODAY}"}})"}},
      {kCase + "AssignCase", {R"({"id":"{B_CASE}","assignee":"法律援助站"})"}},
      {kCase + "ResolveCase",
       {R"({"id":"{B_CASE}","outcome":"已追回","money_recovered_fen":300000,"resolved_date":"{TODAY}"})"}},
      {kCase + "RateCase",
       {R"({"id":"{B_CASE}","satisfaction":"CASE_SATISFACTION_SATISFIED"})"}},
      {kCase + "EscalateCase", {R"({"id":"{B_CASE2}","reason":"企业不配合"})"}},
      {kCase + "SetCasePromise",
       {R"({"organisation_id":"{B}","promise_days":3})"}},
      {kDonation + "GetDonationDrive", {R"({"id":"{B_DRIVE}"})"}},
      {kDonation + "ListDonationDrives", {R"({"organisation_id":"{B}"})"}},
      {kDonation + "ListDonations", {R"({"drive_id":"{B_DRIVE}"})"}},
      {kDonation + "ListDonationAllocations", {R"({"drive_id":"{B_DRIVE}"})"}},
      {kDonation + "CreateDonationDrive",
       {R"({"drive":{"organisation_id":"{B}","name":"爱心捐款","purpose":"DONATION_PURPOSE_COLLEAGUE_ILLNESS",
           "start_date":"{TODAY}","end_date":"{TODAY}"}})"}},
      {kDonation + "RecordDonation",
       {R"({"donation":{"drive_id":"{B_DRIVE}","form":"DONATION_FORM_MONEY","pledged":5000,
           "received":5000,"pledge_date":"{TODAY}"}})"}},
      {kDonation + "ReceiveDonation",
       {R"({"donation_id":"{B_DON}","amount":10000})"}},
      {kDonation + "AllocateDonation",
       {R"({"allocation":{"drive_id":"{B_DRIVE}","beneficiary":"市慈善总会",
           "form":"DONATION_FORM_MONEY","amount":1000,"allocation_date":"{TODAY}"}})"}},
      {kDonation + "CloseDonationDrive", {R"({"id":"{B_DRIVE}"})"}},
      {kInsurance + "ListInsuranceEnrolments",
       {R"({"organisation_id":"{B}"})"}},
      {kInsurance + "ListInsuranceClaims", {R"({"organisation_id":"{B}"})"}},
      {kInsurance + "EnrolInsurance",
       {R"({"enrolment":{"person_id":"{B_M4_PERSON}","plan":"INSURANCE_PLAN_ACCIDENT",
           "year":{YEAR},"premium_fen":2000,"coverage_fen":500000}})"}},
      {kInsurance + "FileInsuranceClaim",
       {R"({"claim":{"enrolment_id":"{B_ENROL}","event_date":"{TODAY}",
           "description":"扭伤","claimed_fen":10000}})"}},
      {kInsurance + "DecideInsuranceClaim",
       {R"({"id":"{B_CLAIM}","payout_fen":30000,"decision_date":"{TODAY}"})"}},
      {kStudent + "GetStudent", {R"({"id":"{B_STU}"})"}},
      {kStudent + "ListStudents", {R"({"organisation_id":"{B}"})"}},
      {kStudent + "ListStudentAwards",
       {R"({"organisation_id":"{B}","school_year":{YEAR}})"}},
      {kStudent + "SummarizeStudentAid",
       {R"({"organisation_id":"{B}","school_year":{YEAR}})"}},
      {kStudent + "CreateStudent",
       {R"({"student":{"person_id":"{B_M4_PERSON}","name":"李小红","school":"市二中",
           "level":"STUDENT_LEVEL_UNDERGRADUATE","admission_year":{YEAR}}})"}},
      {kStudent + "UpdateStudent",
       {R"({"student":{"id":"{B_STU}","school":"省实验中学","etag":"{B_STU_ETAG}"},"update_mask":"school"})"}},
      {kStudent + "VerifyStudentAward",
       {R"({"application_id":"{B_APP_STU}","note":"在读证明"})"}},
      {kCongress + "GetCongressTerm", {R"({"id":"{B_DTERM}"})"}},
      {kCongress + "ListCongressTerms", {R"({"organisation_id":"{B}"})"}},
      {kCongress + "GetCongressSession", {R"({"id":"{B_SESS}"})"}},
      {kCongress + "ListCongressSessions", {R"({"term_id":"{B_DTERM}"})"}},
      {kCongress + "CreateCongressTerm",
       {R"({"term":{"organisation_id":"{B}","kind":"CONGRESS_KIND_WORKERS","number":1,
           "start_date":"{YEAR}-01-01","end_date":"{YEAR_PLUS_2}-12-31"}})"}},
      {kCongress + "UpdateCongressTerm",
       {R"({"term":{"id":"{B_DTERM}","co_signers_required":2},"update_mask":"co_signers_required"})"}},
      {kCongress + "CreateCongressSession",
       {R"({"session":{"term_id":"{B_DTERM}","start_date":"{TODAY}","end_date":"{TODAY}"}})"}},
      {kCongress + "OpenCongressSession", {R"({"id":"{B_SESS2}"})"}},
      {kRepresentative + "GetRepresentative", {R"({"id":"{B_REP1}"})"}},
      {kRepresentative + "ListRepresentatives", {R"({"term_id":"{B_DTERM}"})"}},
      {kRepresentative + "GetComposition", {R"({"term_id":"{B_DTERM}"})"}},
      {kRepresentative + "ElectRepresentative",
       {R"({"representative":{"term_id":"{B_DTERM}","person_id":"{B_M8_PERSON}",
           "group":"REPRESENTATIVE_GROUP_MANAGER","delegation":"第二组",
           "elected_date":"{TODAY}"}})"}},
      {kRepresentative + "ReviewRepresentative",
       {R"({"id":"{B_REP4}","qualified":true})"}},
      // Complete already.
      {kRepresentative + "CompleteQualificationReview",
       {R"({"term_id":"{B_DTERM}","review_date":"{TODAY}","report":"复审"})",
        grpc::StatusCode::FAILED_PRECONDITION}},
      {kMeeting + "ListAgendaItems", {R"({"session_id":"{B_SESS}"})"}},
      {kMeeting + "GetAttendance", {R"({"session_id":"{B_SESS}"})"}},
      {kMeeting + "GetVote", {R"({"id":"{B_VOTE}"})"}},
      {kMeeting + "ListVotes", {R"({"session_id":"{B_SESS}"})"}},
      {kMeeting + "ListBallots", {R"({"vote_id":"{B_VOTE2}"})"}},
      {kDemocracyAudit + "ListAuditRecords",
       {R"({"query":{"organisation_id":"{B}"}})"}},
      {kMeeting + "AddAgendaItem",
       {R"({"item":{"session_id":"{B_SESS}","kind":"AGENDA_ITEM_KIND_OTHER","title":"临时动议"}})"}},
      {kMeeting + "RecordAttendance",
       {R"({"session_id":"{B_SESS}","entries":[{"representative_id":"{B_REP1}",
           "status":"ATTENDANCE_STATUS_PRESENT","note":"签到"}]})"}},
      {kMeeting + "CastVote",
       {R"({"vote_id":"{B_VOTE}","representative_id":"{B_REP2}","choice":"VOTE_CHOICE_AGAINST"})"}},
      {kMeeting + "CloseVote",
       {R"({"id":"{B_VOTE}","resolution_text":"通过"})"}},
      {kMeeting + "OpenVote",
       {R"({"agenda_item_id":"{B_ITEM2}","question":"再次表决"})"}},
      // That vote is open now.
      {kCongress + "CloseCongressSession",
       {R"({"id":"{B_SESS}"})", grpc::StatusCode::FAILED_PRECONDITION}},
      {kProposal + "GetProposal", {R"({"id":"{B_PROP1}"})"}},
      {kProposal + "ListProposals", {R"({"session_id":"{B_PSESS}"})"}},
      {kProposal + "ListProposalSteps", {R"({"proposal_id":"{B_PROP1}"})"}},
      {kProposal + "GetProposalDepartments", {R"({"organisation_id":"{B}"})"}},
      {kProposal + "SummarizeProposals", {R"({"session_id":"{B_PSESS}"})"}},
      {kProposal + "SubmitProposal",
       {R"({"proposal":{"session_id":"{B_PSESS}","title":"关于体检的建议","content":"每年体检",
           "proposer_id":"{B_REP2}","co_signer_ids":["{B_REP1}","{B_REP3}"]}})"}},
      {kProposal + "TriageProposal",
       {R"({"id":"{B_PROP2}","outcome":"TRIAGE_OUTCOME_ACCEPT"})"}},
      {kProposal + "MergeProposals",
       {R"({"into_id":"{B_PROP2}","ids":["{B_PROP3}"]})"}},
      {kProposal + "SetProposalDepartments",
       {R"({"organisation_id":"{B}","departments":["教务处","总务处"]})"}},
      {kProposal + "AssignProposal",
       {R"({"id":"{B_PROP1}","department":"教务处","reply_deadline":"{TODAY}"})"}},
      {kProposal + "ReplyProposal",
       {R"({"id":"{B_PROP4}","reply":"已办理","reply_date":"{TODAY}"})"}},
      {kProposal + "RateProposal",
       {R"({"id":"{B_PROP5}","rating":"PROPOSAL_RATING_SATISFIED"})"}},
      {kProposal + "PublishProposals",
       {R"({"session_id":"{B_PSESS}","published_date":"{TODAY}"})"}},
      {kEvaluation + "GetEvaluationRound", {R"({"id":"{B_ROUND}"})"}},
      {kEvaluation + "ListEvaluationRounds", {R"({"session_id":"{B_SESS}"})"}},
      {kEvaluation + "GetEvaluationResults", {R"({"round_id":"{B_ROUND2}"})"}},
      {kEvaluation + "CreateEvaluationRound",
       {R"({"round":{"session_id":"{B_SESS}","title":"中层干部测评",
           "leaders":[{"name":"教务主任"}]}})"}},
      {kEvaluation + "CastEvaluationBallot",
       {R"({"round_id":"{B_ROUND}","representative_id":"{B_REP2}",
           "ratings":["EVALUATION_RATING_EXCELLENT"]})"}},
      {kEvaluation + "CloseEvaluationRound", {R"({"id":"{B_ROUND}"})"}},
      {kDisclosure + "ListDisclosureCatalogue",
       {R"({"organisation_id":"{B}"})"}},
      {kDisclosure + "GetDisclosureItem", {R"({"id":"{B_DITEM}"})"}},
      {kDisclosure + "ListDisclosureItems", {R"({"organisation_id":"{B}"})"}},
      {kDisclosure + "ListDisclosureObjections",
       {R"({"item_id":"{B_DITEM}"})"}},
      {kDisclosure + "GetDisclosureCompleteness",
       {R"({"organisation_id":"{B}","from_date":"{YEAR}-01-01","to_date":"{YEAR}-12-31"})"}},
      {kDisclosure + "CreateDisclosureCatalogueEntry",
       {R"({"entry":{"organisation_id":"{B}","category":"DISCLOSURE_CATEGORY_FEES",
           "title":"收费公示","frequency":"DISCLOSURE_FREQUENCY_YEARLY","grace_days":30}})"}},
      {kDisclosure + "PublishDisclosureItem",
       {R"({"item":{"organisation_id":"{B}","category":"DISCLOSURE_CATEGORY_TITLES",
           "title":"职称推荐","content":"推荐2人","publicity_start_date":"{TODAY}",
           "publicity_end_date":"{IN_A_WEEK}"}})"}},
      {kDisclosure + "FileDisclosureObjection",
       {R"({"objection":{"item_id":"{B_DITEM}","filed_date":"{TODAY}","content":"名额不公"}})"}},
      {kDisclosure + "AnswerDisclosureObjection",
       {R"({"id":"{B_DOBJ}","answer":"已核实","answered_date":"{TODAY}"})"}},
      {kContract + "GetCollectiveContract", {R"({"id":"{B_CONTRACT}"})"}},
      {kContract + "ListCollectiveContracts", {R"({"organisation_id":"{B}"})"}},
      {kContract + "ListExpiringContracts",
       {R"({"organisation_id":"{B}","within_days":60})"}},
      {kContract + "CreateCollectiveContract",
       {R"({"contract":{"organisation_id":"{B}","kind":"CONTRACT_KIND_WAGES",
           "title":"工资专项集体合同","employer":"乙校","start_date":"{YEAR}-01-01",
           "end_date":"{YEAR_PLUS_2}-12-30","workers_covered":40}})"}},
      {kContract + "ApproveCollectiveContract",
       {R"({"id":"{B_CONTRACT}","vote_id":"{B_CVOTE}"})"}},
      {kContract + "RenewCollectiveContract",
       {R"({"id":"{B_CONTRACT2}","renewal":{"title":"续签集体合同",
           "start_date":"{YEAR_PLUS_3}-01-01","end_date":"{YEAR_PLUS_3}-12-31",
           "workers_covered":85}})"}},
      {kRepresentative + "ReplaceRepresentative",
       {R"({"id":"{B_REP3}","end_date":"{TODAY}","reason":"调离"})"}},
  };

  // The sweep covers every method the gateway exposes; a new RPC without a
  // case fails here until one is written.
  std::set<std::string> covered;
  for (const auto& [method, c] : cases) covered.insert(method);
  covered.insert(kMember + "ImportMembers");  // Streaming: below.
  for (const char* download :
       {"ExportFigures", "ExportLeagueTable", "ExportStatisticsForms"}) {
    covered.insert(  // Streaming: below.
        absl::StrCat("unionhub.reporting.v1.ExportService/", download));
  }
  // The catalogue of indicators is the same for every tenant.
  covered.insert("unionhub.reporting.v1.IndicatorService/ListIndicators");
  std::vector<const google::protobuf::ServiceDescriptor*> services =
      RoutedServices(/*with_gateway=*/false);
  // Membership 7, welfare 10, democracy 8, reporting 5.
  EXPECT_GE(services.size(), 30u);
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor* method = service->method(m);
      std::string name =
          absl::StrCat(service->full_name(), "/", method->name());
      if (method->options().GetExtension(api::v1::access) ==
          api::v1::ACCESS_INTERNAL) {
        EXPECT_EQ(Call(root_key_, name, "{}").status.error_code(),
                  grpc::StatusCode::PERMISSION_DENIED)
            << name << " is internal";
        continue;
      }
      EXPECT_TRUE(covered.count(name)) << name << " has no isolation case";
    }
  }

  // Union A's admin: nothing of B is visible, nothing changes. (Reporting
  // first follows the feeds as far as B, so its refusals are not lag.)
  AwaitInReporting(expand("{B}"));
  int64_t last = 0, last_welfare = 0, last_democracy = 0, last_reporting = 0;
  EventsAfter(0, &last);
  EventsAfter(0, &last_reporting, suite_->reporting_address());
  EventsAfter(0, &last_welfare, suite_->welfare_address());
  EventsAfter(0, &last_democracy, suite_->democracy_address());
  for (const auto& [method, c] : cases) {
    Reply r = Call(a_admin, method, expand(c.json));
    EXPECT_TRUE(r.status.error_code() == grpc::StatusCode::NOT_FOUND ||
                r.status.error_code() == grpc::StatusCode::PERMISSION_DENIED)
        << method << " gave union A " << r.status.error_code() << " "
        << r.status.error_message() << " " << r.json;
    // The answer may repeat the id asked for, never B's data.
    EXPECT_FALSE(absl::StrContains(r.status.error_message(), "乙校")) << method;
  }
  // Rows name their organisation (the first message only gives the default),
  // so each row is refused on its own; none is imported.
  for (const auto& [status, start] : DownloadAll(a_admin, b)) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
        << status.error_message();
    EXPECT_TRUE(start.empty());
  }
  membership::v1::ImportMembersResponse imported = ImportOneRow(a_admin, b);
  EXPECT_EQ(imported.rows_read(), 1);
  EXPECT_EQ(imported.rows_rejected(), 1);
  EXPECT_EQ(EventsAfter(last), 0) << "union A changed union B's data";
  EXPECT_EQ(EventsAfter(last_welfare, nullptr, suite_->welfare_address()), 0)
      << "union A changed union B's welfare records";
  EXPECT_EQ(EventsAfter(last_democracy, nullptr, suite_->democracy_address()),
            0)
      << "union A changed union B's congress";
  EXPECT_EQ(EventsAfter(last_reporting, nullptr, suite_->reporting_address()),
            0)
      << "union A changed union B's statistics form";

  // The federation admin sees and changes both.
  for (const auto& [method, c] : cases) {
    Reply r = Call(root_key_, method, expand(c.json));
    EXPECT_EQ(r.status.error_code(), c.federation)
        << method << ": " << r.status.error_message();
  }
  auto files = DownloadAll(root_key_, b);
  ASSERT_EQ(files.size(), 3u);
  for (const auto& [status, start] : files)
    EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(files[0].second.substr(0, 2), "PK");            // .xlsx
  EXPECT_EQ(files[1].second.substr(0, 3), "\xEF\xBB\xBF");  // CSV
  EXPECT_EQ(files[2].second.substr(0, 2), "PK");
  imported = ImportOneRow(root_key_, b);
  EXPECT_EQ(imported.rows_rejected(), 0);
  EXPECT_GT(EventsAfter(last), 10);
  EXPECT_EQ(EventsAfter(last_welfare, nullptr, suite_->welfare_address()), 32)
      << "hardship: opened, objection filed and answered; aid: fund created "
         "and updated, campaign created and closed, application submitted, "
         "reviewed, rejected, approved, payment made, one reversed; "
         "condolences: a standard "
         "and a visit; cases: received, assigned, resolved, rated, escalated, "
         "a promise; donations: a drive, a pledge, a receipt, a gift, a "
         "closing; insurance: an enrolment, a claim, a payout; students: one "
         "recorded, one corrected, an award verified";
  EXPECT_EQ(EventsAfter(last_democracy, nullptr, suite_->democracy_address()),
            31)
      << "a term created and one updated, a session planned and one opened, "
         "a representative elected, reviewed and one ended, an agenda item, "
         "attendance, a ballot, a vote closed and one opened; proposals: one "
         "submitted, triaged, merged (two events), assigned, replied, rated, "
         "the departments set, the results published; an evaluation round "
         "opened, a ballot, a round closed; disclosure: a catalogue line, an "
         "item, an objection filed and one answered; contracts: a draft, an "
         "approval, a renewal";
  EXPECT_EQ(EventsAfter(last_reporting, nullptr, suite_->reporting_address()),
            1)
      << "the statistics form exempted";
  // The ballot cast left no trace of its voter or content in any log.
  for (const char* process : {"democracy", "gateway"}) {
    for (absl::string_view line :
         absl::StrSplit(suite_->LogOf(process), '\n')) {
      EXPECT_FALSE(absl::StrContains(line, "EVALUATION_RATING")) << line;
      if (absl::StrContains(line, "CastEvaluationBallot")) {
        EXPECT_FALSE(absl::StrContains(line, ids["{B_REP2}"])) << line;
      }
    }
  }
}

TEST_P(GatewayE2eTest, ViewersReadButNeverWrite) {
  std::string viewer = IssueKey(root_key_, "", "ROLE_VIEWER");
  int writes = 0;
  for (const google::protobuf::ServiceDescriptor* service :
       RoutedServices(/*with_gateway=*/true)) {
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor* method = service->method(m);
      if (method->options().GetExtension(api::v1::access) !=
              api::v1::ACCESS_WRITE ||
          method->client_streaming()) {
        continue;
      }
      ++writes;
      Reply r =
          Call(viewer, absl::StrCat(service->full_name(), "/", method->name()),
               "{}");
      EXPECT_EQ(r.status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << method->full_name();
    }
  }
  EXPECT_GT(writes, 20);
  // The streamed import is a write too.
  auto stub = membership::v1::MemberService::NewStub(gateway_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + viewer);
  membership::v1::ImportMembersResponse response;
  auto writer = stub->ImportMembers(&context, &response);
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Reading works, with personal data masked.
  EXPECT_TRUE(
      Call(viewer,
           "unionhub.membership.v1.OrganisationService/ListOrganisations", "{}")
          .status.ok());
}

TEST_P(GatewayE2eTest, MissingMalformedUnknownAndRevokedKeysAreRefused) {
  const std::string who = "unionhub.gateway.v1.AuthService/WhoAmI";
  const std::string list =
      "unionhub.membership.v1.OrganisationService/ListOrganisations";
  std::string key = IssueKey(root_key_, "", "ROLE_UNION_ADMIN");
  ASSERT_TRUE(Call(key, list, "{}").status.ok());
  for (const std::string& bad :
       {std::string(""), std::string("not-a-key"), key + "x",
        key.substr(0, key.size() - 1) + (key.back() == 'A' ? "B" : "A")}) {
    EXPECT_EQ(Call(bad, who, "{}").status.error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << bad;
    EXPECT_EQ(Call(bad, list, "{}").status.error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << bad;
  }
  std::string id = JsonField(MustCall(key, who, "{}"), "id");
  MustCall(root_key_, "unionhub.gateway.v1.AuthService/RevokeApiKey",
           absl::StrCat(R"({"id":")", id, R"(","reason":"离任"})"));
  Reply revoked = Call(key, list, "{}");
  EXPECT_EQ(revoked.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(revoked.status.error_message(), "API key revoked");
}

TEST_P(GatewayE2eTest, TheServiceRefusesDirectForgedAndExpiredPrincipals) {
  auto direct = grpc::CreateChannel(suite_->membership_address(),
                                    grpc::InsecureChannelCredentials());
  auto stub = membership::v1::OrganisationService::NewStub(direct);
  std::string root = JsonField(
      MustCall(root_key_, "unionhub.gateway.v1.AuthService/WhoAmI", "{}"),
      "organisation_path");
  auth::Caller claim;
  claim.key_id = "forged";
  claim.organisation_id = root.substr(1, 16);
  claim.organisation_path = root;
  claim.role = auth::Role::kFederationAdmin;
  claim.expires = absl::Now() + absl::Minutes(5);
  auto call = [&](const std::string& principal) {
    grpc::ClientContext context;
    if (!principal.empty())
      context.AddMetadata(auth::kPrincipalMetadataKey, principal);
    context.AddMetadata("authorization", "Bearer " + root_key_);
    membership::v1::ListOrganisationsRequest request;
    membership::v1::ListOrganisationsResponse response;
    return stub->ListOrganisations(&context, request, &response).error_code();
  };
  // An API key means nothing to a service: only the gateway's signature does.
  EXPECT_EQ(call(""), grpc::StatusCode::UNAUTHENTICATED);
  auth::PrincipalSigner other(crypto::SigningKey::Generate());
  EXPECT_EQ(call(other.Sign(claim)), grpc::StatusCode::UNAUTHENTICATED);
  // A service's own key cannot claim an organisation's admin.
  EXPECT_EQ(call(suite_->service_signer().Sign(claim)),
            grpc::StatusCode::UNAUTHENTICATED);
  const auth::PrincipalSigner* real = &suite_->gateway_signer();
  std::string signed_claim = real->Sign(claim);
  EXPECT_EQ(call(signed_claim), grpc::StatusCode::OK);  // The control.
  std::string altered = signed_claim;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(call(altered), grpc::StatusCode::UNAUTHENTICATED);
  claim.expires = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(call(real->Sign(claim)), grpc::StatusCode::UNAUTHENTICATED);

  // A principal sent to the gateway is thrown away, not passed on.
  std::string school = CreateOrganisation(claim.organisation_id, "丙校工会",
                                          "ORGANISATION_TYPE_GRASSROOTS");
  std::string school_key = IssueKey(root_key_, school, "ROLE_UNION_ADMIN");
  claim.expires = absl::Now() + absl::Minutes(5);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + school_key);
  context.AddMetadata(auth::kPrincipalMetadataKey, real->Sign(claim));
  auto via_gateway = membership::v1::OrganisationService::NewStub(gateway_);
  membership::v1::GetOrganisationRequest get;
  get.set_id(claim.organisation_id);
  membership::v1::GetOrganisationResponse got;
  EXPECT_EQ(via_gateway->GetOrganisation(&context, get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(GatewayE2eTest, ErrorDetailsAndLogsComeThrough) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + root_key_);
  auto stub = membership::v1::MemberService::NewStub(gateway_);
  membership::v1::CreateMemberRequest request;
  request.mutable_member()->set_name(std::string(300, 'x'));
  membership::v1::CreateMemberResponse response;
  grpc::Status status = stub->CreateMember(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad));
  std::set<std::string> fields;
  for (const auto& v : bad.field_violations()) fields.insert(v.field());
  EXPECT_TRUE(fields.count("member.name"));
  EXPECT_TRUE(fields.count("member.organisation_id"));

  // One line per call, with the method, key, organisation, code and latency,
  // written once the call is done (which may be just after the client heard).
  const std::string method =
      "\"method\":\"unionhub.membership.v1.MemberService.CreateMember\"";
  std::string log;
  for (int i = 0; i < 100 && !absl::StrContains(log, method); ++i) {
    absl::SleepFor(absl::Milliseconds(20));
    log = suite_->GatewayLog();
  }
  size_t line = log.find(method);
  ASSERT_NE(line, std::string::npos) << log;
  std::string entry = log.substr(line, log.find('\n', line) - line);
  for (const char* field : {"\"code\":\"INVALID_ARGUMENT\"", "\"key_id\":",
                            "\"organisation_id\":", "\"latency_ms\":"}) {
    EXPECT_TRUE(absl::StrContains(entry, field)) << field << " in " << entry;
  }
  EXPECT_FALSE(absl::StrContains(log, root_key_)) << "a secret was logged";
}

TEST_P(GatewayE2eTest, SigtermLetsCallsInFlightFinish) {
  const std::string list =
      "unionhub.membership.v1.OrganisationService/ListOrganisations";
  ASSERT_TRUE(Call(root_key_, list, "{}").status.ok());
  // Hold a call in flight: membership stops answering for a while.
  suite_->membership().Pause();
  Reply reply;
  std::thread caller([&] { reply = Call(root_key_, list, "{}"); });
  absl::SleepFor(absl::Milliseconds(300));
  int exit_code = -1;
  std::thread stopper([&] { exit_code = suite_->gateway().Terminate(); });
  absl::SleepFor(absl::Milliseconds(300));
  suite_->membership().Resume();
  caller.join();
  stopper.join();
  EXPECT_TRUE(reply.status.ok()) << reply.status.error_message();
  EXPECT_EQ(exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, GatewayE2eTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

// A gateway with a dashboard origin, for clients nobody here wrote.
class GatewayHttpTest : public GatewayE2eTest {
 protected:
  void SetUp() override {
    StartSuite(sql::Backend::kSqlite,
               {"--cors_origins=https://dashboard.example",
                "--max_connect_stream_bytes=4000"});
  }

  // Runs `command` (a shell line); its output, expecting exit code 0.
  std::string Run(const std::string& command) {
    int code = 0;
    std::string out = testing::RunCommand(command + " 2>&1", &code);
    EXPECT_EQ(code, 0) << command << "\n" << out;
    return out;
  }

  std::string Curl(const std::string& args) {
    return Run(absl::StrCat("curl -sS -w '\\n%{http_code}' ", args));
  }
};

TEST_F(GatewayHttpTest, ExternalClientsCallOverBothProtocols) {
  ASSERT_EQ(access(UNIONHUB_BUF, X_OK), 0)
      << UNIONHUB_BUF << " is missing: ./unionhub test installs it";
  const std::string buf =
      absl::StrCat(UNIONHUB_BUF, " curl --schema ", UNIONHUB_SOURCE_DIR,
                   " -H 'authorization: Bearer ", root_key_, "' ");
  // buf curl over gRPC (HTTP/2), and over Connect (HTTP/1.1).
  std::string grpc_out = Run(absl::StrCat(
      buf, "--protocol grpc --http2-prior-knowledge -d '{}' http://",
      suite_->gateway_address(), "/unionhub.gateway.v1.AuthService/WhoAmI"));
  EXPECT_TRUE(absl::StrContains(grpc_out, "ROLE_FEDERATION_ADMIN")) << grpc_out;
  // Without a schema: buf asks the gateway's reflection, which knows every
  // service it routes.
  std::string reflected = Run(absl::StrCat(
      UNIONHUB_BUF, " curl --protocol grpc --http2-prior-knowledge ",
      "-H 'authorization: Bearer ", root_key_, "' -d '{}' http://",
      suite_->gateway_address(),
      "/unionhub.membership.v1.OrganisationService/ListOrganisations"));
  EXPECT_TRUE(absl::StrContains(reflected, "{")) << reflected;
  std::string connect_out = Run(
      absl::StrCat(buf, "--protocol connect -d '{}' ", suite_->gateway_http(),
                   "/unionhub.gateway.v1.AuthService/ListApiKeys"));
  EXPECT_TRUE(absl::StrContains(connect_out, "\"displayName\": \"bootstrap"))
      << connect_out;

  // Plain curl with JSON: a create, then its errors.
  std::string root = JsonField(
      MustCall(root_key_, "unionhub.gateway.v1.AuthService/WhoAmI", "{}"),
      "organisation_id");
  const std::string json = absl::StrCat(
      "-X POST -H 'content-type: application/json' -H 'authorization: Bearer ",
      root_key_, "' ", suite_->gateway_http(),
      "/unionhub.membership.v1.OrganisationService/CreateOrganisation ");
  std::string created = Curl(absl::StrCat(
      json, "-d '{\"organisation\":{\"parentId\":\"", root,
      "\",\"name\":\"东区总工会\",\"type\":\"ORGANISATION_TYPE_DISTRICT\"}}'"));
  EXPECT_TRUE(absl::EndsWith(created, "\n200")) << created;
  EXPECT_TRUE(absl::StrContains(created, "\"name\":\"东区总工会\"")) << created;
  std::string malformed = Curl(json + "-d '{\"organisation\":'");
  EXPECT_TRUE(absl::EndsWith(malformed, "\n400")) << malformed;
  EXPECT_TRUE(absl::StrContains(malformed, "\"code\":\"invalid_argument\""));
  std::string invalid = Curl(json + "-d '{\"organisation\":{}}'");
  EXPECT_TRUE(absl::EndsWith(invalid, "\n400")) << invalid;
  EXPECT_TRUE(absl::StrContains(invalid, "\"type\":\"google.rpc.BadRequest\""))
      << invalid;
  std::string anonymous = Curl(absl::StrCat(
      "-X POST -H 'content-type: application/json' -d '{}' ",
      suite_->gateway_http(), "/unionhub.gateway.v1.AuthService/WhoAmI"));
  EXPECT_TRUE(absl::EndsWith(anonymous, "\n401")) << anonymous;
  std::string unknown =
      Curl(absl::StrCat("-X POST -H 'content-type: application/json' -d '{}' ",
                        suite_->gateway_http(),
                        "/unionhub.membership.v1.OrganisationService/Nothing"));
  EXPECT_TRUE(absl::EndsWith(unknown, "\n501")) << unknown;

  // Binary protobuf bodies, and Connect's timeout header.
  const std::string who_url =
      suite_->gateway_http() + "/unionhub.gateway.v1.AuthService/WhoAmI";
  std::string binary = Curl(absl::StrCat(
      "-i -X POST -H 'content-type: application/proto' -H 'authorization: "
      "Bearer ",
      root_key_, "' --data-binary '' ", who_url));
  EXPECT_TRUE(absl::EndsWith(binary, "\n200")) << binary;
  EXPECT_TRUE(absl::StrContains(binary, "Content-Type: application/proto"));
  EXPECT_TRUE(absl::StrContains(binary, "bootstrap federation admin"));
  std::string bad_timeout = Curl(absl::StrCat(
      "-X POST -H 'content-type: application/json' -H 'Connect-Timeout-Ms: "
      "soon' -H 'authorization: Bearer ",
      root_key_, "' -d '{}' ", who_url));
  EXPECT_TRUE(absl::EndsWith(bad_timeout, "\n400")) << bad_timeout;
  std::string timed = Curl(absl::StrCat(
      "-X POST -H 'content-type: application/json' -H 'Connect-Timeout-Ms: "
      "5000' -H 'authorization: Bearer ",
      root_key_, "' -d '{}' ", who_url));
  EXPECT_TRUE(absl::EndsWith(timed, "\n200")) << timed;
}

// Server-streaming methods over Connect (the dashboard's downloads): the
// messages come back enveloped with the end-of-stream message last, errors
// inside it; a body that is not one plain envelope is refused; an answer
// over --max_connect_stream_bytes ends the call RESOURCE_EXHAUSTED; callers
// that give up mid-stream leave it answering.
TEST_F(GatewayHttpTest, ServerStreamsOverConnectComeBackWhole) {
  const std::string buf =
      absl::StrCat(UNIONHUB_BUF, " curl --schema ", UNIONHUB_SOURCE_DIR,
                   " -H 'authorization: Bearer ", root_key_, "' ");
  const std::string url = suite_->gateway_http() +
                          "/unionhub.reporting.v1.ExportService/"
                          "ExportLeagueTable";
  const int year =
      static_cast<int>(absl::ToCivilYear(absl::Now(), BeijingTime()).year());
  std::string csv = Run(absl::StrCat(
      buf,
      "--protocol connect -d '{\"indicatorCode\":\"members.active\","
      "\"year\":",
      year, ",\"format\":\"EXPORT_FORMAT_CSV\"}' ", url));
  EXPECT_TRUE(absl::StrContains(csv, "\"contentType\": \"text/csv")) << csv;
  // A workbook is a few kilobytes: over this gateway's 4000 bytes.
  int code = 0;
  std::string xlsx = testing::RunCommand(
      absl::StrCat(buf,
                   "--protocol connect -d '{\"indicatorCode\":"
                   "\"members.active\",\"year\":",
                   year, ",\"format\":\"EXPORT_FORMAT_XLSX\"}' ", url, " 2>&1"),
      &code);
  EXPECT_NE(code, 0);
  EXPECT_TRUE(absl::StrContains(xlsx, "resource_exhausted")) << xlsx;
  // The service's own error comes in the end-of-stream message, with 200.
  std::string invalid = Run(absl::StrCat(
      "printf '\\000\\000\\000\\000\\002{}' | curl -sS -w '\\n%{http_code}' "
      "-X POST -H 'content-type: application/connect+json' "
      "-H 'authorization: Bearer ",
      root_key_, "' --data-binary @- ", url));
  EXPECT_TRUE(absl::EndsWith(invalid, "\n200")) << invalid;
  EXPECT_TRUE(absl::StrContains(invalid,
                                "\"error\":{\"code\":"
                                "\"invalid_argument\""))
      << invalid;
  // Not one plain envelope: refused before any call.
  for (const char* body : {"'{}'", "'\\001\\000\\000\\000\\002{}'",
                           "'\\000\\000\\000\\000\\011{}'"}) {
    std::string refused =
        Run(absl::StrCat("printf ", body,
                         " | curl -sS -w '\\n%{http_code}' -X POST "
                         "-H 'content-type: application/connect+json' "
                         "-H 'authorization: Bearer ",
                         root_key_, "' --data-binary @- ", url));
    EXPECT_TRUE(absl::EndsWith(refused, "\n400")) << body << refused;
  }
  // Callers that give up mid-stream (40 at once, each gone after 20 ms):
  // their calls end within the gateway's bounds and a whole stream still
  // comes back afterwards.
  const std::string request =
      absl::StrCat("{\"indicatorCode\":\"members.active\",\"year\":", year,
                   ",\"format\":\"EXPORT_FORMAT_CSV\"}");
  const std::string envelope_file = suite_->dir() + "/export-request.bin";
  {
    std::ofstream out(envelope_file, std::ios::binary);
    out << '\0' << '\0' << '\0' << static_cast<char>(request.size() >> 8)
        << static_cast<char>(request.size() & 0xff) << request;
  }
  Run(
      absl::StrCat("for i in $(seq 40); do curl -s -m 0.02 -o /dev/null "
                   "-X POST -H 'content-type: application/connect+json' "
                   "-H 'authorization: Bearer ",
                   root_key_, "' --data-binary @", envelope_file, " ", url,
                   " & done; wait; true"));
  std::string again = Run(absl::StrCat(
      buf,
      "--protocol connect -d '{\"indicatorCode\":\"members.active\","
      "\"year\":",
      year, ",\"format\":\"EXPORT_FORMAT_CSV\"}' ", url));
  EXPECT_TRUE(absl::StrContains(again, "\"contentType\": \"text/csv")) << again;

  // A unary content type for a streaming method.
  std::string unary = Curl(absl::StrCat(
      "-X POST -H 'content-type: application/json' -H 'authorization: "
      "Bearer ",
      root_key_, "' -d '{}' ", url));
  EXPECT_TRUE(absl::EndsWith(unary, "\n415")) << unary;
}

TEST_F(GatewayHttpTest, CorsForTheDashboardAndOperationsEndpoints) {
  const std::string path =
      suite_->gateway_http() + "/unionhub.gateway.v1.AuthService/WhoAmI";
  std::string preflight = Curl(absl::StrCat(
      "-i -X OPTIONS -H 'Origin: https://dashboard.example' "
      "-H 'Access-Control-Request-Method: POST' "
      "-H 'Access-Control-Request-Headers: authorization,content-type' ",
      path));
  EXPECT_TRUE(absl::EndsWith(preflight, "\n204")) << preflight;
  EXPECT_TRUE(absl::StrContains(
      preflight, "Access-Control-Allow-Origin: https://dashboard.example"));
  EXPECT_TRUE(absl::StrContains(preflight,
                                "Access-Control-Allow-Headers: "
                                "authorization,content-type"));
  std::string stranger =
      Curl(absl::StrCat("-i -X OPTIONS -H 'Origin: https://evil.example' "
                        "-H 'Access-Control-Request-Method: POST' ",
                        path));
  EXPECT_TRUE(absl::EndsWith(stranger, "\n403")) << stranger;
  EXPECT_FALSE(absl::StrContains(stranger, "Access-Control-Allow-Origin"));
  std::string call = Curl(absl::StrCat(
      "-i -X POST -H 'Origin: https://dashboard.example' "
      "-H 'content-type: application/json' -H 'authorization: Bearer ",
      root_key_, "' -d '{}' ", path));
  EXPECT_TRUE(absl::EndsWith(call, "\n200")) << call;
  EXPECT_TRUE(absl::StrContains(
      call, "Access-Control-Allow-Origin: https://dashboard.example"));

  std::string metrics = Curl(suite_->gateway_http() + "/metrics");
  EXPECT_TRUE(absl::StrContains(
      metrics,
      "unionhub_gateway_calls_total{method=\"unionhub.gateway.v1.AuthService."
      "WhoAmI\",code=\"OK\"} 1\n"))
      << metrics;
  EXPECT_TRUE(absl::StrContains(
      metrics,
      "unionhub_gateway_call_duration_seconds_bucket{method=\"unionhub."
      "gateway.v1.AuthService.WhoAmI\",code=\"OK\",le=\"+Inf\"} 1\n"));
  // Its own services' executor and database pool, as every service has. On
  // SQLite the workers default to the CPU count (at least 2).
  const std::string workers =
      absl::StrCat("\nunionhub_executor_workers ",
                   std::max(2u, std::thread::hardware_concurrency()), "\n");
  EXPECT_TRUE(absl::StrContains(metrics, workers)) << metrics;
  EXPECT_TRUE(
      absl::StrContains(metrics, "\nunionhub_database_connections_max 8\n"));
  std::string health = Curl(suite_->gateway_http() + "/healthz");
  EXPECT_TRUE(absl::EndsWith(health, "\n200")) << health;

  // Membership's own metrics port: its calls (the gateway asked it for the
  // root at start), executor, pool and feed.
  std::string served = Curl(absl::StrCat(
      "http://127.0.0.1:", suite_->membership_metrics_port(), "/metrics"));
  EXPECT_TRUE(absl::EndsWith(served, "\n200")) << served;
  EXPECT_TRUE(absl::StrContains(
      served,
      "unionhub_server_calls_total{method=\"unionhub.membership.v1."
      "OrganisationService.GetRootOrganisation\",code=\"OK\"} "))
      << served;
  for (const std::string& gauge :
       {std::string("\nunionhub_executor_queued_calls 0\n"), workers,
        std::string("\nunionhub_database_connections_max 8\n"),
        std::string("\nunionhub_outbox_last_sequence ")}) {
    EXPECT_TRUE(absl::StrContains(served, gauge)) << gauge << " in " << served;
  }
  std::string elsewhere = Curl(absl::StrCat(
      "http://127.0.0.1:", suite_->membership_metrics_port(), "/other"));
  EXPECT_TRUE(absl::EndsWith(elsewhere, "\n404")) << elsewhere;
}

class GatewayLimitsTest : public GatewayE2eTest {
 protected:
  void SetUp() override {
    StartSuite(sql::Backend::kSqlite,
               {"--rate_limit_per_second=1", "--rate_limit_burst=3",
                "--max_request_bytes=65536", "--default_deadline_seconds=1",
                "--max_deadline_seconds=2"});
  }
};

TEST_F(GatewayLimitsTest, EachKeyHasItsOwnRateLimit) {
  const std::string who = "unionhub.gateway.v1.AuthService/WhoAmI";
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(Call(root_key_, who, "{}").status.ok());
  Reply limited = Call(root_key_, who, "{}");
  EXPECT_EQ(limited.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  int code = 0;
  std::string http = testing::RunCommand(
      absl::StrCat(
          "curl -sS -o /dev/null -w '%{http_code}' -X POST "
          "-H 'content-type: application/json' -H 'authorization: Bearer ",
          root_key_, "' -d '{}' ", suite_->gateway_http(), "/", who),
      &code);
  EXPECT_EQ(http, "429");
  // Calls without a valid key are refused before they count against any.
  EXPECT_EQ(Call("", who, "{}").status.error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(GatewayLimitsTest, OversizeRequestsAreRefused) {
  const std::string issue = "unionhub.gateway.v1.AuthService/IssueApiKey";
  Reply big = Call(root_key_, issue,
                   absl::StrCat(R"({"role":"ROLE_VIEWER","display_name":")",
                                std::string(70000, 'x'), R"("})"));
  EXPECT_EQ(big.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  int code = 0;
  std::string http = testing::RunCommand(
      absl::StrCat(
          "head -c 70000 /dev/zero | curl -sS -w '\\n%{http_code}' -X POST "
          "-H 'content-type: application/proto' --data-binary @- ",
          suite_->gateway_http(), "/", issue),
      &code);
  EXPECT_TRUE(absl::EndsWith(http, "\n413")) << http;
  EXPECT_TRUE(absl::StrContains(http, "resource_exhausted")) << http;
}

TEST_F(GatewayLimitsTest, ABackendThatStopsAnsweringMeetsTheGatewaysDeadlines) {
  const std::string get =
      "unionhub.membership.v1.OrganisationService/ListOrganisations";
  ASSERT_TRUE(Call(root_key_, get, "{}").status.ok());
  suite_->membership().Pause();
  absl::Time start = absl::Now();
  Reply capped = Call(root_key_, get, "{}");  // The caller allows 20 s.
  absl::Duration waited = absl::Now() - start;
  call_deadline_ = absl::ZeroDuration();
  start = absl::Now();
  Reply unbounded = Call(root_key_, get, "{}");  // The caller set none.
  absl::Duration waited_default = absl::Now() - start;
  suite_->membership().Resume();
  EXPECT_EQ(capped.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_GE(waited, absl::Seconds(2));  // The gateway's maximum...
  EXPECT_LT(waited, absl::Seconds(6));  // ...not the caller's 20 s.
  EXPECT_EQ(unbounded.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_GE(waited_default, absl::Seconds(1));  // The default.
  EXPECT_LT(waited_default, absl::Seconds(2));
}

TEST_P(GatewayE2eTest, ABackendThatIsGoneIsUnavailable) {
  const std::string list =
      "unionhub.membership.v1.OrganisationService/ListOrganisations";
  ASSERT_TRUE(Call(root_key_, list, "{}").status.ok());
  suite_->membership().Terminate();
  EXPECT_EQ(Call(root_key_, list, "{}").status.error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // The gateway's own services still answer.
  EXPECT_TRUE(Call(root_key_, "unionhub.gateway.v1.AuthService/WhoAmI", "{}")
                  .status.ok());
}

// Readiness (the unnamed service) and liveness (Kubernetes' probes, see
// deploy/k8s) both answer on the public port.
TEST_P(GatewayE2eTest, HealthAnswersOnThePublicPort) {
  grpc::GenericStub stub(gateway_);
  for (std::string service : {"", "liveness"}) {
    grpc::ClientContext context;
    // HealthCheckRequest{service}: field 1, length-delimited.
    std::string wire =
        service.empty()
            ? ""
            : std::string("\x0a") + static_cast<char>(service.size()) + service;
    grpc::Slice slice(wire);
    grpc::ByteBuffer request(&slice, 1), response;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) {
                     status = std::move(s);
                     done.Notify();
                   });
    done.WaitForNotification();
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    std::vector<grpc::Slice> slices;
    ASSERT_TRUE(response.Dump(&slices).ok());
    std::string bytes;
    for (const auto& s : slices)
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    EXPECT_EQ(bytes, std::string("\x08\x01")) << service;  // SERVING
  }
}

}  // namespace
}  // namespace unionhub
