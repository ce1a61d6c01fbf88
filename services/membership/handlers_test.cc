// Every RPC of the membership service through a real gRPC server on loopback:
// the happy path, and bad input, bad callers and races that must get a clear
// error and write nothing.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "libs/base/status_macros.h"
#include "libs/outbox/event_feed_service.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/proto_time.h"
#include "libs/rpc/server.h"
#include "libs/sql/testing.h"
#include "libs/testing/id_numbers.h"
#include "membership_lib_migrations.h"
#include "services/membership/activities/activity_handler.h"
#include "services/membership/audit_handler.h"
#include "services/membership/committees/committee_handler.h"
#include "services/membership/enterprises/enterprise_handler.h"
#include "services/membership/member_handler.h"
#include "services/membership/model_workers/model_worker_handler.h"
#include "services/membership/organisation_handler.h"
#include "unionhub/api/v1/annotations.pb.h"

namespace unionhub::membership {
namespace {

using ::testing::HasSubstr;

std::string MakeIdNumber(int seq) { return testing::MakeIdNumber(seq); }

class MembershipGrpcTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    auto t = sql::CreateTestDatabase(GetParam());
    if (t.status().code() == absl::StatusCode::kNotFound)
      GTEST_SKIP() << t.status();
    ASSERT_TRUE(t.ok()) << t.status();
    db_ = std::move(*t);
    ASSERT_TRUE(
        sql::Migrate(*db_.db, outbox::WithPlatform(membership_lib_migrations()))
            .ok());
    organisation_service_ = std::make_unique<Organisations>(
        db_.db.get(), &store_, &Clock::System());
    member_service_ =
        std::make_unique<Members>(db_.db.get(), &store_, &Clock::System());
    root_ = *organisation_service_->EnsureRoot("某市总工会");
    env_ = serving_.env();
    organisations_ = std::make_unique<OrganisationHandler>(
        organisation_service_.get(), env_);
    members_ = std::make_unique<MemberHandler>(member_service_.get(), env_);
    committee_service_ =
        std::make_unique<Committees>(db_.db.get(), &store_, &Clock::System());
    committees_ =
        std::make_unique<CommitteeHandler>(committee_service_.get(), env_);
    enterprise_service_ =
        std::make_unique<Enterprises>(db_.db.get(), &store_, &Clock::System());
    enterprises_ =
        std::make_unique<EnterpriseHandler>(enterprise_service_.get(), env_);
    model_worker_service_ =
        std::make_unique<ModelWorkers>(db_.db.get(), &store_, &Clock::System());
    model_workers_ =
        std::make_unique<ModelWorkerHandler>(model_worker_service_.get(), env_);
    activity_service_ =
        std::make_unique<Activities>(db_.db.get(), &store_, &Clock::System());
    activities_ =
        std::make_unique<ActivityHandler>(activity_service_.get(), env_);
    audit_ = std::make_unique<AuditHandler>(
        db_.db.get(), OrganisationPaths(organisation_service_.get()), env_);
    feed_ = std::make_unique<outbox::EventFeedService>(db_.db.get(), env_);
    auto server = rpc::Server::Start(
        "127.0.0.1:0",
        {organisations_.get(), members_.get(), committees_.get(),
         enterprises_.get(), model_workers_.get(), activities_.get(),
         audit_.get(), feed_.get()},
        db_.db.get());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto channel =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                            grpc::InsecureChannelCredentials());
    org_stub_ = v1::OrganisationService::NewStub(channel);
    member_stub_ = v1::MemberService::NewStub(channel);
    committee_stub_ = v1::CommitteeService::NewStub(channel);
    enterprise_stub_ = v1::EnterpriseService::NewStub(channel);
    model_worker_stub_ = v1::ModelWorkerService::NewStub(channel);
    activity_stub_ = v1::ActivityService::NewStub(channel);
    audit_stub_ = v1::AuditService::NewStub(channel);
    feed_stub_ = events::v1::EventFeedService::NewStub(channel);

    federation_ = Principal(root_.id, root_.path, auth::Role::kFederationAdmin);
    school_a_ = CreateOrg(root_.id, "第一中学工会");
    school_b_ = CreateOrg(root_.id, "第二中学工会");
  }

  void TearDown() override {
    if (server_) server_->Shutdown(absl::ZeroDuration());
  }

  auth::Caller Principal(const std::string& id, const std::string& path,
                         auth::Role role) {
    auth::Caller c;
    c.key_id = "k-" + id;
    c.organisation_id = id;
    c.organisation_path = path;
    c.role = role;
    c.expires = absl::Now() + absl::Minutes(5);
    return c;
  }
  auth::Caller AdminOf(const v1::Organisation& o,
                       auth::Role role = auth::Role::kUnionAdmin) {
    return Principal(o.id(), o.path(), role);
  }

  // A client context carrying `caller` signed with `signer`.
  std::unique_ptr<grpc::ClientContext> As(
      const auth::Caller& caller,
      const auth::PrincipalSigner* signer = nullptr) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(auth::kPrincipalMetadataKey,
                     (signer ? signer : &signer_)->Sign(caller));
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    return ctx;
  }

  v1::Organisation CreateOrg(const std::string& parent,
                             const std::string& name) {
    v1::CreateOrganisationRequest req;
    req.mutable_organisation()->set_parent_id(parent);
    req.mutable_organisation()->set_name(name);
    req.mutable_organisation()->set_type(v1::ORGANISATION_TYPE_GRASSROOTS);
    v1::CreateOrganisationResponse resp;
    grpc::Status s =
        org_stub_->CreateOrganisation(As(federation_).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.organisation();
  }

  v1::CreateMemberRequest MemberRequest(const v1::Organisation& org, int seq) {
    v1::CreateMemberRequest req;
    req.set_request_id(absl::StrCat("req-", seq));
    v1::Member* m = req.mutable_member();
    m->set_organisation_id(org.id());
    m->set_name("张三");
    m->set_id_number(MakeIdNumber(seq));
    m->set_phone("13812345678");
    m->set_employment_type(v1::EMPLOYMENT_TYPE_STAFF);
    m->set_join_date("2012-09-01");
    return req;
  }

  v1::Member MustCreateMember(const v1::Organisation& org, int seq) {
    v1::CreateMemberResponse resp;
    grpc::Status s = member_stub_->CreateMember(As(AdminOf(org)).get(),
                                                MemberRequest(org, seq), &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.member();
  }

  int64_t EventCount() {
    int64_t n = -1;
    (void)db_.db->Read([&](sql::Session& s) -> absl::Status {
      ASSIGN_OR_RETURN(sql::Statement * st,
                       s.Query("SELECT COUNT(*) FROM outbox_pending"));
      ASSIGN_OR_RETURN(bool row, st->Step());
      n = row ? st->Int(0) : -1;
      return absl::OkStatus();
    });
    return n;
  }

  // The fields named in the BadRequest details of `s`.
  static std::vector<std::string> BadFields(const grpc::Status& s) {
    std::vector<std::string> out;
    google::rpc::Status details;
    google::rpc::BadRequest bad;
    if (details.ParseFromString(s.error_details()) &&
        details.details_size() > 0 && details.details(0).UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.push_back(v.field());
    }
    return out;
  }

  crypto::DataKeys keys_ = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  // The gateway's key, and reporting's (a service calling as itself).
  auth::PrincipalSigner signer_{crypto::SigningKey::Generate()};
  auth::PrincipalSigner reporting_{crypto::SigningKey::Generate()};
  auth::PrincipalVerifier verifier_{
      {{signer_.public_key(), auth::KeyKind::kGateway},
       {reporting_.public_key(), auth::KeyKind::kService}}};
  sql::TestDatabase db_;
  std::unique_ptr<Organisations> organisation_service_;
  std::unique_ptr<Members> member_service_;
  rpc::Serving serving_{&verifier_, &Clock::System()};  // Outlives server_.
  rpc::CallEnv env_;
  std::unique_ptr<OrganisationHandler> organisations_;
  std::unique_ptr<MemberHandler> members_;
  Store store_{&keys_};
  std::unique_ptr<Committees> committee_service_;
  std::unique_ptr<CommitteeHandler> committees_;
  std::unique_ptr<v1::CommitteeService::Stub> committee_stub_;
  std::unique_ptr<Enterprises> enterprise_service_;
  std::unique_ptr<EnterpriseHandler> enterprises_;
  std::unique_ptr<v1::EnterpriseService::Stub> enterprise_stub_;
  std::unique_ptr<ModelWorkers> model_worker_service_;
  std::unique_ptr<ModelWorkerHandler> model_workers_;
  std::unique_ptr<v1::ModelWorkerService::Stub> model_worker_stub_;
  std::unique_ptr<Activities> activity_service_;
  std::unique_ptr<ActivityHandler> activities_;
  std::unique_ptr<v1::ActivityService::Stub> activity_stub_;
  std::unique_ptr<AuditHandler> audit_;
  std::unique_ptr<v1::AuditService::Stub> audit_stub_;
  std::unique_ptr<outbox::EventFeedService> feed_;
  std::unique_ptr<rpc::Server> server_;
  std::unique_ptr<v1::OrganisationService::Stub> org_stub_;
  std::unique_ptr<v1::MemberService::Stub> member_stub_;
  std::unique_ptr<events::v1::EventFeedService::Stub> feed_stub_;
  Organisation root_;
  auth::Caller federation_;
  v1::Organisation school_a_, school_b_;
};

TEST_P(MembershipGrpcTest, OrganisationRpcs) {
  v1::GetOrganisationRequest get;
  get.set_id(school_a_.id());
  v1::GetOrganisationResponse got;
  ASSERT_TRUE(
      org_stub_->GetOrganisation(As(AdminOf(school_a_)).get(), get, &got).ok());
  EXPECT_EQ(got.organisation().name(), "第一中学工会");

  v1::ListOrganisationsRequest list;
  list.set_page_size(1);
  v1::ListOrganisationsResponse page;
  ASSERT_TRUE(
      org_stub_->ListOrganisations(As(federation_).get(), list, &page).ok());
  EXPECT_EQ(page.organisations_size(), 1);
  EXPECT_FALSE(page.next_page_token().empty());

  v1::UpdateOrganisationRequest update;
  update.mutable_organisation()->set_id(school_a_.id());
  update.mutable_organisation()->set_name("第一中学教职工工会");
  update.mutable_update_mask()->add_paths("name");
  update.set_etag(school_a_.etag());
  v1::UpdateOrganisationResponse updated;
  ASSERT_TRUE(
      org_stub_->UpdateOrganisation(As(federation_).get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.organisation().name(), "第一中学教职工工会");
  // The same etag again is stale now.
  grpc::Status stale =
      org_stub_->UpdateOrganisation(As(federation_).get(), update, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  update.mutable_update_mask()->set_paths(0, "type");
  EXPECT_EQ(
      org_stub_->UpdateOrganisation(As(federation_).get(), update, &updated)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::CloseOrganisationRequest close;
  close.set_id(school_b_.id());
  v1::CloseOrganisationResponse closed;
  ASSERT_TRUE(
      org_stub_->CloseOrganisation(As(federation_).get(), close, &closed).ok());
  EXPECT_EQ(closed.organisation().state(), v1::ORGANISATION_STATE_CLOSED);
}

TEST_P(MembershipGrpcTest, MemberRpcs) {
  v1::Member m = MustCreateMember(school_a_, 1);
  EXPECT_EQ(m.id_number(), MakeIdNumber(1));  // An admin sees it in full.
  EXPECT_EQ(m.sex(), v1::SEX_MALE);
  EXPECT_EQ(m.birth_date(), "1985-03-12");

  v1::UpdateMemberRequest update;
  update.mutable_member()->set_id(m.id());
  update.mutable_member()->set_phone("13900001111");
  update.mutable_update_mask()->add_paths("phone");
  update.set_etag(m.etag());
  v1::UpdateMemberResponse updated;
  ASSERT_TRUE(
      member_stub_->UpdateMember(As(AdminOf(school_a_)).get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.member().phone(), "13900001111");
  EXPECT_EQ(updated.member().name(), "张三");  // Outside the mask: unchanged.

  v1::TransferMemberRequest transfer;
  transfer.set_request_id("t1");
  transfer.set_id(m.id());
  transfer.set_target_organisation_id(school_b_.id());
  transfer.set_effective_date("2026-09-01");
  v1::TransferMemberResponse moved;
  ASSERT_TRUE(
      member_stub_->TransferMember(As(federation_).get(), transfer, &moved)
          .ok());
  EXPECT_EQ(moved.previous().status(), v1::MEMBER_STATUS_TRANSFERRED_OUT);

  v1::ChangeMemberStatusRequest change;
  change.set_id(moved.member().id());
  change.set_status(v1::MEMBER_STATUS_RETIRED);
  change.set_effective_date("2026-10-01");
  v1::ChangeMemberStatusResponse changed;
  ASSERT_TRUE(
      member_stub_
          ->ChangeMemberStatus(As(AdminOf(school_b_)).get(), change, &changed)
          .ok());
  EXPECT_EQ(changed.member().status(), v1::MEMBER_STATUS_RETIRED);

  v1::ListMemberStatusChangesRequest history;
  history.set_member_id(moved.member().id());
  v1::ListMemberStatusChangesResponse changes;
  ASSERT_TRUE(member_stub_
                  ->ListMemberStatusChanges(As(AdminOf(school_b_)).get(),
                                            history, &changes)
                  .ok());
  EXPECT_EQ(changes.changes_size(), 4);  // Registered, out, in, retired.

  v1::ListMembersRequest list;
  list.set_status(v1::MEMBER_STATUS_RETIRED);
  v1::ListMembersResponse listed;
  ASSERT_TRUE(
      member_stub_->ListMembers(As(AdminOf(school_b_)).get(), list, &listed)
          .ok());
  ASSERT_EQ(listed.members_size(), 1);

  v1::GetMemberRequest get;
  get.set_id(moved.member().id());
  v1::GetMemberResponse got;
  ASSERT_TRUE(
      member_stub_->GetMember(As(AdminOf(school_b_)).get(), get, &got).ok());
  EXPECT_EQ(got.member().transferred_from_member_id(), m.id());
}

TEST_P(MembershipGrpcTest, ViewersReadMaskedAndCannotWrite) {
  v1::Member m = MustCreateMember(school_a_, 1);
  auto viewer = AdminOf(school_a_, auth::Role::kViewer);
  v1::GetMemberRequest get;
  get.set_id(m.id());
  v1::GetMemberResponse got;
  ASSERT_TRUE(member_stub_->GetMember(As(viewer).get(), get, &got).ok());
  EXPECT_EQ(got.member().id_number(),
            "110105********" + MakeIdNumber(1).substr(14));
  EXPECT_EQ(got.member().phone(), "138****5678");

  int64_t events = EventCount();
  v1::CreateMemberResponse created;
  grpc::Status s = member_stub_->CreateMember(
      As(viewer).get(), MemberRequest(school_a_, 3), &created);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(EventCount(), events);
}

TEST_P(MembershipGrpcTest, CallsWithoutAValidPrincipalAreRefused) {
  int64_t events = EventCount();
  v1::CreateMemberResponse created;
  grpc::ClientContext bare;
  EXPECT_EQ(
      member_stub_->CreateMember(&bare, MemberRequest(school_a_, 1), &created)
          .error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  auth::PrincipalSigner forger(crypto::SigningKey::Generate());
  EXPECT_EQ(member_stub_
                ->CreateMember(As(federation_, &forger).get(),
                               MemberRequest(school_a_, 1), &created)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto expired = federation_;
  expired.expires = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(member_stub_
                ->CreateMember(As(expired).get(), MemberRequest(school_a_, 1),
                               &created)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(EventCount(), events);
}

// Storage work runs on a bounded executor, never on gRPC's threads. With its
// one worker stuck and its queue full, a call is refused at once; calls whose
// callers gave up (deadline, cancel) while they waited never run; once the
// worker is free a normal call works.
TEST_P(MembershipGrpcTest, AFullExecutorRefusesAndAbandonedCallsNeverRun) {
  rpc::Serving busy(&verifier_, &Clock::System(),
                    {.workers = 1, .max_queued = 2});
  OrganisationHandler handler(organisation_service_.get(), busy.env());
  auto server = rpc::Server::Start("127.0.0.1:0", {&handler}, db_.db.get());
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::OrganisationService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                          grpc::InsecureChannelCredentials()));
  absl::Notification stuck, release;
  ASSERT_TRUE(busy.executor().TrySchedule([&] {
    stuck.Notify();
    release.WaitForNotification();
  }));
  stuck.WaitForNotification();

  auto create = [&](const std::string& name) {
    v1::CreateOrganisationRequest req;
    req.mutable_organisation()->set_parent_id(root_.id);
    req.mutable_organisation()->set_name(name);
    req.mutable_organisation()->set_type(v1::ORGANISATION_TYPE_GRASSROOTS);
    return req;
  };
  struct Pending {
    std::unique_ptr<grpc::ClientContext> ctx;
    v1::CreateOrganisationRequest req;
    v1::CreateOrganisationResponse resp;
    grpc::Status status;
    absl::Notification done;
  };
  Pending late, cancelled;
  late.ctx = As(federation_);
  late.ctx->set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(300));
  late.req = create("等到超时的工会");
  cancelled.ctx = As(federation_);
  cancelled.req = create("被取消的工会");
  for (Pending* p : {&late, &cancelled}) {
    stub->async()->CreateOrganisation(p->ctx.get(), &p->req, &p->resp,
                                      [p](grpc::Status s) {
                                        p->status = s;
                                        p->done.Notify();
                                      });
  }
  while (busy.executor().queued() < 2) absl::SleepFor(absl::Milliseconds(5));

  v1::CreateOrganisationResponse resp;
  grpc::Status refused = stub->CreateOrganisation(
      As(federation_).get(), create("队列满时的工会"), &resp);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("busy"));
  cancelled.ctx->TryCancel();
  ASSERT_TRUE(late.done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  ASSERT_TRUE(cancelled.done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(late.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(cancelled.status.error_code(), grpc::StatusCode::CANCELLED);
  // The server's deadline is the client's plus the time the call took to
  // arrive: let it pass there too.
  absl::SleepFor(absl::Milliseconds(200));

  release.Notify();
  while (busy.executor().queued() > 0 || busy.executor().running() > 0)
    absl::SleepFor(absl::Milliseconds(5));
  v1::ListOrganisationsRequest list;
  list.set_parent_id(root_.id);
  v1::ListOrganisationsResponse listed;
  ASSERT_TRUE(
      org_stub_->ListOrganisations(As(federation_).get(), list, &listed).ok());
  for (const v1::Organisation& o : listed.organisations()) {
    EXPECT_NE(o.name(), "等到超时的工会") << "ran after its deadline";
    EXPECT_NE(o.name(), "被取消的工会") << "ran after it was cancelled";
    EXPECT_NE(o.name(), "队列满时的工会") << "ran though refused";
  }
  // The refusal is counted. (The abandoned two are counted as
  // DEADLINE_EXCEEDED or CANCELLED: the client's reset may arrive before the
  // server's own deadline passes.)
  EXPECT_THAT(busy.metrics().Render(),
              HasSubstr("method=\"unionhub.membership.v1.OrganisationService."
                        "CreateOrganisation\",code=\"RESOURCE_EXHAUSTED\"} 1"));

  grpc::Status normal = stub->CreateOrganisation(As(federation_).get(),
                                                 create("空闲后的工会"), &resp);
  EXPECT_TRUE(normal.ok()) << normal.error_message();
  (*server)->Shutdown(absl::ZeroDuration());
}

// A service holds its own key, trusted for service principals only: whatever
// it claims, it reaches no method but the internal ones, in every service
// this process serves.
TEST_P(MembershipGrpcTest, AServiceKeyReachesInternalMethodsOnly) {
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                          grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  auth::Caller as_service = federation_;
  as_service.role = auth::Role::kService;
  auto call = [&](const google::protobuf::MethodDescriptor& method,
                  const auth::Caller& caller) {
    grpc::ClientContext ctx;
    ctx.AddMetadata(auth::kPrincipalMetadataKey, reporting_.Sign(caller));
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(10));
    grpc::Slice empty("");
    grpc::ByteBuffer in(&empty, 1), out;
    grpc::Status status;
    absl::Notification done;
    stub.UnaryCall(
        &ctx,
        absl::StrCat("/", method.service()->full_name(), "/", method.name()),
        grpc::StubOptions(), &in, &out, [&](grpc::Status s) {
          status = std::move(s);
          done.Notify();
        });
    done.WaitForNotification();
    return status;
  };
  int internal = 0, others = 0;
  for (const char* name :
       {"membership.v1.OrganisationService", "membership.v1.MemberService",
        "membership.v1.CommitteeService", "membership.v1.EnterpriseService",
        "membership.v1.ModelWorkerService", "membership.v1.ActivityService",
        "membership.v1.AuditService", "events.v1.EventFeedService"}) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            absl::StrCat("unionhub.", name));
    ASSERT_NE(service, nullptr) << name;
    for (int m = 0; m < service->method_count(); ++m) {
      const google::protobuf::MethodDescriptor& method = *service->method(m);
      SCOPED_TRACE(method.full_name());
      bool is_internal = method.options().GetExtension(api::v1::access) ==
                         api::v1::ACCESS_INTERNAL;
      // Claiming to be the federation: refused at the signature's key.
      EXPECT_EQ(call(method, federation_).error_code(),
                grpc::StatusCode::UNAUTHENTICATED);
      grpc::Status status = call(method, as_service);
      if (is_internal) {
        ++internal;
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << status.error_message();
      } else {
        ++others;
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << status.error_message();
      }
    }
  }
  EXPECT_EQ(internal, 2);  // GetRootOrganisation and ListEvents.
  EXPECT_GT(others, 30);
}

// A page token belongs to the filters it was issued for: the next page with
// the same filters (any page size) follows on; other filters, or a token made
// up, are INVALID_ARGUMENT naming page_token.
TEST_P(MembershipGrpcTest, PageTokensAreBoundToTheirFilters) {
  for (int i = 1; i <= 5; ++i) MustCreateMember(school_a_, i);
  v1::ListMembersRequest list;
  list.set_organisation_id(school_a_.id());
  list.set_status(v1::MEMBER_STATUS_ACTIVE);
  list.set_page_size(2);
  std::vector<std::string> seen;
  v1::ListMembersResponse page;
  do {
    list.set_page_token(page.next_page_token());
    page.Clear();
    grpc::Status s =
        member_stub_->ListMembers(As(federation_).get(), list, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const v1::Member& m : page.members()) seen.push_back(m.id());
    list.set_page_size(list.page_size() + 1);  // Sizes may change.
  } while (!page.next_page_token().empty());
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5u);

  list.set_page_size(2);
  list.clear_page_token();
  ASSERT_TRUE(
      member_stub_->ListMembers(As(federation_).get(), list, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  v1::ListMembersRequest other = list;
  other.set_page_token(page.next_page_token());
  other.set_name_prefix("张");
  v1::ListMembersResponse refused;
  grpc::Status s =
      member_stub_->ListMembers(As(federation_).get(), other, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(s), ::testing::ElementsAre("page_token"));
  EXPECT_THAT(s.error_message(), HasSubstr("other filters"));
  other = list;
  other.set_page_token(page.next_page_token());
  other.set_include_descendants(true);
  EXPECT_EQ(member_stub_->ListMembers(As(federation_).get(), other, &refused)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  other = list;
  other.set_page_token("made-up");
  s = member_stub_->ListMembers(As(federation_).get(), other, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(s), ::testing::ElementsAre("page_token"));
  // A token of another list (organisations) is not one of this list's.
  v1::ListOrganisationsRequest orgs;
  orgs.set_page_size(1);
  v1::ListOrganisationsResponse org_page;
  ASSERT_TRUE(
      org_stub_->ListOrganisations(As(federation_).get(), orgs, &org_page)
          .ok());
  other = list;
  other.set_page_token(org_page.next_page_token());
  EXPECT_EQ(member_stub_->ListMembers(As(federation_).get(), other, &refused)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(MembershipGrpcTest, EnumNumbersTheProtoDoesNotDefineAreRefused) {
  // Proto3 keeps numbers it does not know; left unchecked, status 99 would
  // list every member as if no status were asked for.
  int64_t events = EventCount();
  auto admin = AdminOf(school_a_);
  v1::ListMembersRequest list;
  list.set_status(static_cast<v1::MemberStatus>(99));
  v1::ListMembersResponse listed;
  grpc::Status s = member_stub_->ListMembers(As(admin).get(), list, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s), std::vector<std::string>{"status"});
  EXPECT_EQ(listed.members_size(), 0);

  auto req = MemberRequest(school_a_, 1);
  req.mutable_member()->set_sex(static_cast<v1::Sex>(-1));
  v1::CreateMemberResponse created;
  s = member_stub_->CreateMember(As(admin).get(), req, &created);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s), std::vector<std::string>{"member.sex"});
  EXPECT_EQ(EventCount(), events);
}

TEST_P(MembershipGrpcTest, BadInputGetsFieldViolationsAndWritesNothing) {
  int64_t events = EventCount();
  auto admin = AdminOf(school_a_);
  v1::CreateMemberResponse created;

  auto req = MemberRequest(school_a_, 1);
  req.mutable_member()->set_organisation_id("../../etc");
  req.mutable_member()->set_name(std::string(200, 'x'));
  req.mutable_member()->set_join_date("2099-01-01");
  req.mutable_member()->set_id_number(
      "110105198503120010");  // Wrong check digit.
  grpc::Status s = member_stub_->CreateMember(As(admin).get(), req, &created);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto fields = BadFields(s);
  for (const char* f : {"member.organisation_id", "member.name",
                        "member.join_date", "member.id_number"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }

  req = MemberRequest(school_a_, 1);
  req.mutable_member()->set_name(
      "\xd5\xc5\xc8\xfd");  // 张三 in GBK: not UTF-8.
  s = member_stub_->CreateMember(As(admin).get(), req, &created);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << s.error_message();
  EXPECT_NE(s.error_message().find("UTF-8"), std::string::npos);

  req = MemberRequest(school_a_, 1);
  req.set_request_id(std::string(101, 'r'));
  EXPECT_EQ(
      member_stub_->CreateMember(As(admin).get(), req, &created).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::GetMemberRequest get;
  get.set_id("'; DROP TABLE members; --");
  v1::GetMemberResponse got;
  s = member_stub_->GetMember(As(admin).get(), get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s), std::vector<std::string>{"id"});

  v1::ListMembersRequest list;
  list.set_page_token("bm90IGEgdG9rZW4");
  list.set_page_size(-1);
  v1::ListMembersResponse listed;
  s = member_stub_->ListMembers(As(admin).get(), list, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s).size(), 2u);
  EXPECT_EQ(EventCount(), events);
}

TEST_P(MembershipGrpcTest, OtherTenantsDataIsNotFound) {
  v1::Member b_member = MustCreateMember(school_b_, 1);
  auto a_admin = AdminOf(school_a_);
  int64_t events = EventCount();

  v1::GetMemberRequest get;
  get.set_id(b_member.id());
  v1::GetMemberResponse got;
  EXPECT_EQ(member_stub_->GetMember(As(a_admin).get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ChangeMemberStatusRequest change;
  change.set_id(b_member.id());
  change.set_status(v1::MEMBER_STATUS_LEFT);
  change.set_effective_date("2026-01-01");
  v1::ChangeMemberStatusResponse changed;
  EXPECT_EQ(
      member_stub_->ChangeMemberStatus(As(a_admin).get(), change, &changed)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::CreateMemberResponse created;
  EXPECT_EQ(member_stub_
                ->CreateMember(As(a_admin).get(), MemberRequest(school_b_, 3),
                               &created)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The same person registered by school A: refused, without saying where.
  grpc::Status dup = member_stub_->CreateMember(
      As(a_admin).get(), MemberRequest(school_a_, 1), &created);
  EXPECT_EQ(dup.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(dup.error_message().find(school_b_.id()), std::string::npos);
  EXPECT_EQ(EventCount(), events);
}

TEST_P(MembershipGrpcTest, DuplicateRequestReturnsTheFirstResult) {
  auto admin = AdminOf(school_a_);
  auto req = MemberRequest(school_a_, 1);
  v1::CreateMemberResponse first, second;
  ASSERT_TRUE(member_stub_->CreateMember(As(admin).get(), req, &first).ok());
  int64_t events = EventCount();
  ASSERT_TRUE(member_stub_->CreateMember(As(admin).get(), req, &second).ok());
  EXPECT_EQ(first.member().id(), second.member().id());
  EXPECT_EQ(EventCount(), events);
  req.mutable_member()->set_name("李四");  // Same request_id, other request.
  EXPECT_EQ(
      member_stub_->CreateMember(As(admin).get(), req, &second).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

// "Who changed this member's status": the audit records of one member, newest
// first, for admins whose subtree holds them; the subtree of a union in a
// time range; paged.
TEST_P(MembershipGrpcTest, AuditHistoryAnswersWhoChangedWhat) {
  absl::Time before = absl::Now() - absl::Seconds(1);
  v1::Member member = MustCreateMember(school_a_, 1);
  v1::ChangeMemberStatusRequest change;
  change.set_id(member.id());
  change.set_status(v1::MEMBER_STATUS_RETIRED);
  change.set_effective_date("2026-10-01");
  change.set_reason("到龄退休");
  v1::ChangeMemberStatusResponse changed;
  ASSERT_TRUE(
      member_stub_
          ->ChangeMemberStatus(As(AdminOf(school_a_)).get(), change, &changed)
          .ok());
  MustCreateMember(school_b_, 2);

  v1::ListAuditRecordsRequest of_member;
  of_member.mutable_query()->set_subject_id(member.id());
  v1::ListAuditRecordsResponse history;
  ASSERT_TRUE(
      audit_stub_
          ->ListAuditRecords(As(AdminOf(school_a_)).get(), of_member, &history)
          .ok());
  ASSERT_EQ(history.records_size(), 2);
  const auto& last = history.records(0);
  EXPECT_EQ(last.action(), "membership.member.status_changed");
  EXPECT_EQ(last.actor_key_id(), "k-" + school_a_.id());
  EXPECT_EQ(last.actor_organisation_id(), school_a_.id());
  EXPECT_EQ(last.actor_role(), "union_admin");
  EXPECT_EQ(last.organisation_path(), school_a_.path());
  EXPECT_GE(rpc::FromProtoTime(last.occur_time()), before);
  EXPECT_EQ(history.records(1).action(), "membership.member.created");
  EXPECT_GE(rpc::FromProtoTime(last.occur_time()),
            rpc::FromProtoTime(history.records(1).occur_time()));

  // Another union's admin sees nothing of it; a viewer may not ask.
  v1::ListAuditRecordsResponse none;
  ASSERT_TRUE(
      audit_stub_
          ->ListAuditRecords(As(AdminOf(school_b_)).get(), of_member, &none)
          .ok());
  EXPECT_EQ(none.records_size(), 0);
  EXPECT_EQ(
      audit_stub_
          ->ListAuditRecords(As(AdminOf(school_a_, auth::Role::kViewer)).get(),
                             of_member, &none)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  v1::ListAuditRecordsRequest of_other;
  of_other.mutable_query()->set_organisation_id(school_a_.id());
  EXPECT_EQ(
      audit_stub_
          ->ListAuditRecords(As(AdminOf(school_b_)).get(), of_other, &none)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);

  // School B's subtree since `before`, one record a page: its creation and
  // its member's, and nothing of school A.
  v1::ListAuditRecordsRequest of_school;
  of_school.mutable_query()->set_organisation_id(school_b_.id());
  rpc::SetProtoTime(before, of_school.mutable_query()->mutable_start_time());
  of_school.set_page_size(1);
  std::vector<std::string> subjects;
  do {
    v1::ListAuditRecordsResponse page;
    ASSERT_TRUE(
        audit_stub_->ListAuditRecords(As(federation_).get(), of_school, &page)
            .ok());
    ASSERT_LE(page.records_size(), 1);
    for (const auto& r : page.records()) {
      EXPECT_TRUE(absl::StartsWith(r.organisation_path(), school_b_.path()));
      subjects.push_back(r.subject_id());
    }
    of_school.set_page_token(page.next_page_token());
  } while (!of_school.page_token().empty());
  ASSERT_EQ(subjects.size(), 2u);
  EXPECT_EQ(subjects[1], school_b_.id());
  // A range that ends before anything was done holds nothing.
  of_school.set_page_size(0);
  rpc::SetProtoTime(before - absl::Hours(1),
                    of_school.mutable_query()->mutable_start_time());
  rpc::SetProtoTime(before, of_school.mutable_query()->mutable_end_time());
  ASSERT_TRUE(
      audit_stub_->ListAuditRecords(As(federation_).get(), of_school, &none)
          .ok());
  EXPECT_EQ(none.records_size(), 0);
}

TEST_P(MembershipGrpcTest, AuditHistoryNamesWhatIsWrongWithAQuery) {
  v1::ListAuditRecordsRequest bad;
  bad.mutable_query()->set_subject_id("x'; --");
  bad.mutable_query()->set_organisation_id("../");
  rpc::SetProtoTime(absl::FromUnixSeconds(2'000'000'000),
                    bad.mutable_query()->mutable_start_time());
  rpc::SetProtoTime(absl::FromUnixSeconds(1'000'000'000),
                    bad.mutable_query()->mutable_end_time());
  bad.set_page_size(-1);
  v1::ListAuditRecordsResponse out;
  grpc::Status s =
      audit_stub_->ListAuditRecords(As(federation_).get(), bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(s), ::testing::UnorderedElementsAre(
                                "query.subject_id", "query.organisation_id",
                                "query.end_time", "page_size"));
  v1::ListAuditRecordsRequest bad_time;
  bad_time.mutable_query()->mutable_start_time()->set_nanos(-5);
  s = audit_stub_->ListAuditRecords(As(federation_).get(), bad_time, &out);
  EXPECT_THAT(BadFields(s), ::testing::ElementsAre("query.start_time"));
}

TEST_P(MembershipGrpcTest, EventFeedIsForServicesOnly) {
  MustCreateMember(school_a_, 1);
  events::v1::ListEventsRequest req;
  events::v1::ListEventsResponse resp;
  EXPECT_EQ(
      feed_stub_->ListEvents(As(federation_).get(), req, &resp).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  auto service = Principal(root_.id, root_.path, auth::Role::kService);
  ASSERT_TRUE(feed_stub_->ListEvents(As(service).get(), req, &resp).ok());
  ASSERT_GE(resp.events_size(), 4);  // Root, two schools, a member.
  const auto& last = resp.events(resp.events_size() - 1);
  EXPECT_EQ(last.type(), "membership.member.created");
  v1::Member payload;
  ASSERT_TRUE(last.payload().UnpackTo(&payload));
  EXPECT_TRUE(payload.id_number().empty());  // No personal data in events.
  EXPECT_TRUE(payload.phone().empty());
  // A service principal reads feeds, not members.
  v1::ListMembersRequest list;
  v1::ListMembersResponse listed;
  EXPECT_EQ(
      member_stub_->ListMembers(As(service).get(), list, &listed).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(MembershipGrpcTest, RootOrganisationIsForServicesOnly) {
  v1::GetRootOrganisationRequest req;
  v1::GetRootOrganisationResponse resp;
  EXPECT_EQ(org_stub_->GetRootOrganisation(As(federation_).get(), req, &resp)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto service = Principal(root_.id, root_.path, auth::Role::kService);
  ASSERT_TRUE(
      org_stub_->GetRootOrganisation(As(service).get(), req, &resp).ok());
  EXPECT_EQ(resp.organisation().id(), root_.id);
  EXPECT_EQ(resp.organisation().path(), root_.path);
}

// Streams `csv` in chunks of `chunk` bytes; the first message carries the
// options.
grpc::Status Import(v1::MemberService::Stub& stub,
                    std::unique_ptr<grpc::ClientContext> ctx,
                    v1::ImportMembersRequest options, const std::string& csv,
                    size_t chunk, v1::ImportMembersResponse* response) {
  auto writer = stub.ImportMembers(ctx.get(), response);
  for (size_t at = 0; at == 0 || at < csv.size(); at += chunk) {
    v1::ImportMembersRequest message =
        at == 0 ? options : v1::ImportMembersRequest();
    message.set_csv_chunk(csv.substr(at, chunk));
    if (!writer->Write(message)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

TEST_P(MembershipGrpcTest, ImportsARosterStreamedInChunks) {
  std::string csv = "姓名,身份证号,手机号码,用工性质,入会日期\n";
  for (int i = 1; i <= 40; ++i) {
    absl::StrAppend(&csv, "会员", i, ",", MakeIdNumber(2 * i + 1),
                    ",,在编,2015-09-01\n");
  }
  absl::StrAppend(&csv, "坏行,110105198503120010,,在编,2015-09-01\n");
  v1::ImportMembersRequest options;
  options.set_request_id("roster-1");
  options.set_organisation_id(school_a_.id());
  v1::ImportMembersResponse refused;
  grpc::Status s = Import(*member_stub_, As(AdminOf(school_a_)), options, csv,
                          100, &refused);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(refused.committed());
  EXPECT_EQ(refused.rows_read(), 41);
  ASSERT_EQ(refused.errors_size(), 1);
  EXPECT_EQ(refused.errors(0).row(), 42);
  EXPECT_EQ(refused.errors(0).field(), "id_number");

  options.set_mode(v1::IMPORT_MODE_VALID_ROWS);
  options.set_request_id("roster-2");
  v1::ImportMembersResponse done;
  s = Import(*member_stub_, As(AdminOf(school_a_)), options, csv, 7, &done);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(done.committed());
  EXPECT_EQ(done.rows_imported(), 40);
  v1::ImportMembersResponse again;
  s = Import(*member_stub_, As(AdminOf(school_a_)), options, csv, 4096, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.rows_imported(), 40);  // The first result, nothing twice.
  v1::ListMembersRequest list;
  list.set_page_size(500);
  v1::ListMembersResponse listed;
  ASSERT_TRUE(
      member_stub_->ListMembers(As(AdminOf(school_a_)).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.members_size(), 40);
}

TEST_P(MembershipGrpcTest, ImportRefusesBadCallersAndBadFiles) {
  v1::ImportMembersRequest options;
  options.set_organisation_id(school_a_.id());
  std::string csv = "姓名,身份证号,用工性质,入会日期\n";
  v1::ImportMembersResponse response;
  EXPECT_EQ(Import(*member_stub_, As(AdminOf(school_a_, auth::Role::kViewer)),
                   options, csv, 100, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto bare = std::make_unique<grpc::ClientContext>();
  EXPECT_EQ(Import(*member_stub_, std::move(bare), options, csv, 100, &response)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status s = Import(*member_stub_, As(AdminOf(school_a_)), options,
                          "name,phone\nx,1\n", 100, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s), std::vector<std::string>{"csv_chunk"});
  s = Import(*member_stub_, As(AdminOf(school_a_)), options,
             csv + std::string((1 << 20) + 1, 'x'), (1 << 20) + 100, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Problems found only at the end of the upload say what is wrong with the
  // file.
  s = Import(*member_stub_, As(AdminOf(school_a_)), options,
             csv + "张三,\"110105", 100, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "quoted field never ends"))
      << s.error_message();
  s = Import(*member_stub_, As(AdminOf(school_a_)), options, "", 100,
             &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "the file is empty"))
      << s.error_message();
  EXPECT_EQ(EventCount(), 3);  // Root and the two schools only.
}

TEST_P(MembershipGrpcTest, AMalformedMessageMidUploadImportsNothing) {
  // The second message does not parse (a text field that is not UTF-8): the
  // upload fails rather than import what came before it as a whole file.
  auto context = As(AdminOf(school_a_));
  v1::ImportMembersResponse response;
  auto writer = member_stub_->ImportMembers(context.get(), &response);
  v1::ImportMembersRequest first;
  first.set_organisation_id(school_a_.id());
  first.set_mode(v1::IMPORT_MODE_VALID_ROWS);
  first.set_csv_chunk(absl::StrCat("姓名,身份证号,用工性质,入会日期\n会员,",
                                   MakeIdNumber(3), ",在编,2015-09-01\n"));
  ASSERT_TRUE(writer->Write(first));
  v1::ImportMembersRequest bad;
  bad.set_request_id("\xff\xfe");
  writer->Write(bad);
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "message 2 of the upload"))
      << s.error_message();
  EXPECT_EQ(EventCount(), 3);
}

TEST_P(MembershipGrpcTest, BytesThatAreNotUtf8AreRefusedNotEchoed) {
  // A file said to be UTF-8 with a byte that is not: the answer says so, in
  // UTF-8 the client can decode, and echoes none of the file's bytes.
  v1::ImportMembersRequest options;
  options.set_organisation_id(school_a_.id());
  options.set_validate_only(true);
  options.set_encoding(v1::ROSTER_ENCODING_UTF8);  // Not guessed from bytes.
  v1::ImportMembersResponse response;
  grpc::Status s =
      Import(*member_stub_, As(AdminOf(school_a_)), options,
             absl::StrCat("姓名,身份证号,用工性质,入会日期\n会员,",
                          MakeIdNumber(5), ",\xe5\x9c\xa8\xff,2015-09-01\n"),
             100, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "not UTF-8"))
      << s.error_message();
  EXPECT_FALSE(absl::StrContains(s.error_message(), "\xff"));
}

TEST_P(MembershipGrpcTest, CommitteeRpcs) {
  v1::Member chair = MustCreateMember(school_a_, 1);
  auto admin = AdminOf(school_a_);
  v1::CreateCommitteeTermRequest create;
  create.set_request_id("term-1");
  create.mutable_term()->set_organisation_id(school_a_.id());
  create.mutable_term()->set_start_date("2026-06-01");
  create.mutable_term()->set_length_years(5);
  create.mutable_term()->mutable_election()->set_election_date("2026-06-01");
  create.mutable_term()->mutable_election()->set_eligible_voters(90);
  create.mutable_term()->mutable_election()->set_voters_present(
      50);  // Under 2/3.
  v1::CreateCommitteeTermResponse created;
  grpc::Status s =
      committee_stub_->CreateCommitteeTerm(As(admin).get(), create, &created);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(s),
            std::vector<std::string>{"term.election.voters_present"});
  create.mutable_term()->mutable_election()->set_voters_present(80);
  ASSERT_TRUE(
      committee_stub_->CreateCommitteeTerm(As(admin).get(), create, &created)
          .ok());
  EXPECT_EQ(created.term().due_date(), "2031-06-01");
  v1::CreateCommitteeTermResponse again;
  ASSERT_TRUE(
      committee_stub_->CreateCommitteeTerm(As(admin).get(), create, &again)
          .ok());
  EXPECT_EQ(again.term().id(), created.term().id());

  v1::ListCommitteeTermsRequest list_terms;
  v1::ListCommitteeTermsResponse terms;
  ASSERT_TRUE(committee_stub_
                  ->ListCommitteeTerms(
                      As(AdminOf(school_a_, auth::Role::kViewer)).get(),
                      list_terms, &terms)
                  .ok());
  EXPECT_EQ(terms.terms_size(), 1);

  v1::ElectOfficerRequest elect;
  elect.set_term_id(created.term().id());
  elect.set_member_id(chair.id());
  elect.set_position(v1::OFFICER_POSITION_CHAIR);
  elect.set_votes_for(70);
  v1::ElectOfficerResponse elected;
  EXPECT_EQ(
      committee_stub_
          ->ElectOfficer(As(AdminOf(school_a_, auth::Role::kViewer)).get(),
                         elect, &elected)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(committee_stub_
                ->ElectOfficer(As(AdminOf(school_b_)).get(), elect, &elected)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      committee_stub_->ElectOfficer(As(admin).get(), elect, &elected).ok());
  EXPECT_EQ(elected.officer().member_name(), "张三");

  v1::ListOfficersRequest list_officers;
  list_officers.set_term_id(created.term().id());
  v1::ListOfficersResponse officers;
  ASSERT_TRUE(
      committee_stub_->ListOfficers(As(admin).get(), list_officers, &officers)
          .ok());
  EXPECT_EQ(officers.officers_size(), 1);

  v1::EndOfficerRequest end;
  end.set_id(elected.officer().id());
  end.set_end_date("2026-10-01");
  end.set_reason("调离");
  v1::EndOfficerResponse ended;
  ASSERT_TRUE(committee_stub_->EndOfficer(As(admin).get(), end, &ended).ok());
  EXPECT_EQ(ended.officer().end_date(), "2026-10-01");
}

TEST_P(MembershipGrpcTest, EnterpriseRpcs) {
  v1::CreateEnterpriseRequest create;
  create.set_request_id("e1");
  create.mutable_enterprise()->set_organisation_id(root_.id);
  create.mutable_enterprise()->set_name("某纺织厂");
  create.mutable_enterprise()->set_credit_code("91350100M000100Y43");
  create.mutable_enterprise()->set_employees(40);
  create.mutable_enterprise()->set_required_to_found(true);
  v1::CreateEnterpriseResponse created;
  ASSERT_TRUE(enterprise_stub_
                  ->CreateEnterprise(As(federation_).get(), create, &created)
                  .ok());
  EXPECT_EQ(created.enterprise().founding_status(),
            v1::UNION_FOUNDING_STATUS_NOT_STARTED);
  create.mutable_enterprise()->set_credit_code("91350100M000100Y44");
  create.set_request_id("e2");
  grpc::Status s = enterprise_stub_->CreateEnterprise(As(federation_).get(),
                                                      create, &created);
  EXPECT_EQ(BadFields(s), std::vector<std::string>{"enterprise.credit_code"});

  v1::GetEnterpriseRequest get;
  get.set_id(created.enterprise().id());
  v1::GetEnterpriseResponse got;
  ASSERT_TRUE(
      enterprise_stub_->GetEnterprise(As(federation_).get(), get, &got).ok());
  EXPECT_EQ(
      enterprise_stub_->GetEnterprise(As(AdminOf(school_a_)).get(), get, &got)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);

  v1::UpdateEnterpriseRequest update;
  update.mutable_enterprise()->set_id(got.enterprise().id());
  update.mutable_enterprise()->set_employees(45);
  update.mutable_update_mask()->add_paths("employees");
  update.set_etag(got.enterprise().etag());
  v1::UpdateEnterpriseResponse updated;
  ASSERT_TRUE(enterprise_stub_
                  ->UpdateEnterprise(As(federation_).get(), update, &updated)
                  .ok());

  v1::RecordUnionApplicationRequest apply;
  apply.set_id(got.enterprise().id());
  apply.set_applied_date("2026-03-01");
  v1::RecordUnionApplicationResponse applied;
  ASSERT_TRUE(
      enterprise_stub_
          ->RecordUnionApplication(As(federation_).get(), apply, &applied)
          .ok());

  v1::RecordUnionFoundedRequest found;
  found.set_id(got.enterprise().id());
  found.set_union_organisation_id(school_b_.id());
  found.set_founded_date("2026-04-01");
  v1::RecordUnionFoundedResponse founded;
  ASSERT_TRUE(enterprise_stub_
                  ->RecordUnionFounded(As(federation_).get(), found, &founded)
                  .ok());

  v1::ListEnterprisesRequest list;
  list.set_founding_status(v1::UNION_FOUNDING_STATUS_FOUNDED);
  v1::ListEnterprisesResponse listed;
  ASSERT_TRUE(
      enterprise_stub_->ListEnterprises(As(federation_).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.enterprises_size(), 1);

  MustCreateMember(school_b_, 1);
  v1::GetFoundingStatisticsRequest stats_req;
  v1::GetFoundingStatisticsResponse stats;
  ASSERT_TRUE(
      enterprise_stub_
          ->GetFoundingStatistics(
              As(Principal(root_.id, root_.path, auth::Role::kViewer)).get(),
              stats_req, &stats)
          .ok());
  EXPECT_EQ(stats.statistics().founding_rate().basis_points(), 10000);
  EXPECT_EQ(stats.statistics().members_of_founded(), 1);
  EXPECT_EQ(stats.statistics().membership_rate().denominator(), 45);
}

TEST_P(MembershipGrpcTest, ModelWorkerRpcs) {
  v1::Member m = MustCreateMember(school_a_, 1);
  v1::CreateModelWorkerRequest create;
  create.set_request_id("mw1");
  create.mutable_model_worker()->set_member_id(m.id());
  create.mutable_model_worker()->set_level(v1::MODEL_WORKER_LEVEL_NATIONAL);
  create.mutable_model_worker()->set_title("全国劳动模范");
  create.mutable_model_worker()->set_award_year(2020);
  create.mutable_model_worker()->add_hardship_causes(
      v1::HARDSHIP_CAUSE_ILLNESS);
  v1::CreateModelWorkerResponse created;
  ASSERT_TRUE(
      model_worker_stub_
          ->CreateModelWorker(As(AdminOf(school_a_)).get(), create, &created)
          .ok());
  EXPECT_EQ(created.model_worker().member_name(), "张三");

  v1::GetModelWorkerRequest get;
  get.set_id(created.model_worker().id());
  v1::GetModelWorkerResponse got;
  EXPECT_EQ(model_worker_stub_
                ->GetModelWorker(As(AdminOf(school_b_)).get(), get, &got)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(model_worker_stub_
                  ->GetModelWorker(As(AdminOf(school_a_)).get(), get, &got)
                  .ok());

  v1::UpdateModelWorkerRequest update;
  update.mutable_model_worker()->set_id(got.model_worker().id());
  update.mutable_update_mask()->add_paths("hardship_causes");
  update.set_etag(got.model_worker().etag());
  v1::UpdateModelWorkerResponse updated;
  ASSERT_TRUE(
      model_worker_stub_
          ->UpdateModelWorker(As(AdminOf(school_a_)).get(), update, &updated)
          .ok());
  EXPECT_EQ(updated.model_worker().hardship_causes_size(), 0);

  v1::ListModelWorkersRequest list;
  list.set_level(v1::MODEL_WORKER_LEVEL_NATIONAL);
  v1::ListModelWorkersResponse listed;
  ASSERT_TRUE(
      model_worker_stub_->ListModelWorkers(As(federation_).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.model_workers_size(), 1);

  v1::ListMembersRequest members;
  members.set_include_descendants(true);
  members.set_only_model_workers(true);
  v1::ListMembersResponse found;
  ASSERT_TRUE(
      member_stub_->ListMembers(As(federation_).get(), members, &found).ok());
  EXPECT_EQ(found.members_size(), 1);
}

TEST_P(MembershipGrpcTest, ActivityRpcs) {
  v1::Member m = MustCreateMember(school_a_, 1);
  auto admin = AdminOf(school_a_);
  v1::CreateActivityRequest create;
  create.set_request_id("act-1");
  v1::Activity* a = create.mutable_activity();
  a->set_organisation_id(school_a_.id());
  a->set_name("无偿献血");
  a->set_kind(v1::ACTIVITY_KIND_BLOOD_DONATION);
  a->set_start_date("2026-06-14");
  a->set_end_date("2026-06-14");
  v1::CreateActivityResponse created;
  ASSERT_TRUE(
      activity_stub_->CreateActivity(As(admin).get(), create, &created).ok());

  v1::AddParticipantsRequest add;
  add.set_activity_id(created.activity().id());
  add.add_participants()->set_member_id(m.id());
  v1::AddParticipantsResponse added;
  ASSERT_TRUE(
      activity_stub_->AddParticipants(As(admin).get(), add, &added).ok());
  EXPECT_EQ(added.participant_count(), 1);
  add.add_participants()->set_member_id("not-an-id");
  grpc::Status s =
      activity_stub_->AddParticipants(As(admin).get(), add, &added);
  EXPECT_EQ(BadFields(s),
            std::vector<std::string>{"participants[1].member_id"});

  v1::GetActivityRequest get;
  get.set_id(created.activity().id());
  v1::GetActivityResponse got;
  ASSERT_TRUE(activity_stub_->GetActivity(As(admin).get(), get, &got).ok());
  EXPECT_EQ(got.activity().participant_count(), 1);
  EXPECT_EQ(activity_stub_->GetActivity(As(AdminOf(school_b_)).get(), get, &got)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListActivitiesRequest list;
  list.set_year(2026);
  v1::ListActivitiesResponse listed;
  ASSERT_TRUE(
      activity_stub_->ListActivities(As(federation_).get(), list, &listed)
          .ok());
  EXPECT_EQ(listed.activities_size(), 1);

  v1::ListParticipantsRequest who;
  who.set_activity_id(created.activity().id());
  v1::ListParticipantsResponse participants;
  ASSERT_TRUE(
      activity_stub_->ListParticipants(As(admin).get(), who, &participants)
          .ok());
  EXPECT_EQ(participants.participants(0).member_name(), "张三");

  v1::RecordHonourRequest honour;
  honour.set_request_id("h1");
  honour.mutable_honour()->set_organisation_id(school_a_.id());
  honour.mutable_honour()->set_title("模范职工之家");
  honour.mutable_honour()->set_level(v1::HONOUR_LEVEL_CITY);
  honour.mutable_honour()->set_awarded_by("市总工会");
  honour.mutable_honour()->set_award_date("2026-04-28");
  v1::RecordHonourResponse recorded;
  ASSERT_TRUE(
      activity_stub_->RecordHonour(As(admin).get(), honour, &recorded).ok());
  v1::ListHonoursRequest honours;
  v1::ListHonoursResponse honour_list;
  ASSERT_TRUE(
      activity_stub_->ListHonours(As(admin).get(), honours, &honour_list).ok());
  EXPECT_EQ(honour_list.honours_size(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, MembershipGrpcTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

// The database is gone (nothing listens where it should be): every call is
// UNAVAILABLE with a message that says so and nothing about the database behind
// it.
TEST(MembershipGrpcFaultTest, UnreachableDatabaseIsUnavailableAndSaysNoMore) {
  auto db =
      sql::Database::Open("mysql://unionhub:secret@127.0.0.1:1/gone",
                          {.max_connections = 2, .acquire_timeout_ms = 500});
  ASSERT_TRUE(db.ok()) << db.status();
  auto keys = *crypto::DataKeys::FromMaster(std::string(32, 'k'));
  auth::PrincipalSigner signer(crypto::SigningKey::Generate());
  auth::PrincipalVerifier verifier(
      {{signer.public_key(), auth::KeyKind::kGateway}});
  Store store(&keys);
  Organisations service(db->get(), &store, &Clock::System());
  rpc::Serving serving(&verifier, &Clock::System());
  OrganisationHandler organisations(&service, serving.env());
  auto server = rpc::Server::Start("127.0.0.1:0", {&organisations}, db->get());
  ASSERT_TRUE(server.ok());
  auto stub = v1::OrganisationService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                          grpc::InsecureChannelCredentials()));
  auth::Caller caller;
  caller.key_id = "k";
  caller.organisation_id = "00000000000000a1";
  caller.organisation_path = "/00000000000000a1/";
  caller.role = auth::Role::kFederationAdmin;
  caller.expires = absl::Now() + absl::Minutes(1);
  grpc::ClientContext ctx;
  ctx.AddMetadata(auth::kPrincipalMetadataKey, signer.Sign(caller));
  v1::GetOrganisationRequest get;
  get.set_id("00000000000000a1");
  v1::GetOrganisationResponse got;
  grpc::Status s = stub->GetOrganisation(&ctx, get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(s.error_message(), "the database is unavailable; try again");
  (*server)->Shutdown(absl::ZeroDuration());
}

}  // namespace
}  // namespace unionhub::membership
