#include "gateway/key_service.h"

#include "absl/strings/str_cat.h"
#include "gateway_lib_migrations.h"
#include "gtest/gtest.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/server.h"
#include "libs/sql/migrate.h"
#include "libs/sql/testing.h"

namespace unionhub::gateway {
namespace {

// A small tree held in memory, standing in for membership in these in-process
// tests (the end-to-end tests in tests/ use the real one):
//   root a1 -> district b1 -> schools c1, c2; district b2.
class TreeDirectory final : public OrganisationDirectory {
 public:
  absl::StatusOr<OrganisationRef> Root() override {
    if (down) return absl::UnavailableError("membership is down");
    return Ref("00000000000000a1");
  }
  absl::StatusOr<OrganisationRef> Find(const auth::Caller& caller,
                                       absl::string_view id) override {
    OrganisationRef ref = Ref(id);
    if (ref.path.empty() || !caller.Covers(ref.path))
      return absl::NotFoundError("organisation not found");
    return ref;
  }
  static OrganisationRef Ref(absl::string_view id) {
    static const auto* paths = new std::map<std::string, std::string>{
        {"00000000000000a1", "/00000000000000a1/"},
        {"00000000000000b1", "/00000000000000a1/00000000000000b1/"},
        {"00000000000000b2", "/00000000000000a1/00000000000000b2/"},
        {"00000000000000c1",
         "/00000000000000a1/00000000000000b1/00000000000000c1/"},
        {"00000000000000c2",
         "/00000000000000a1/00000000000000b1/00000000000000c2/"},
    };
    auto it = paths->find(std::string(id));
    if (it == paths->end()) return {};
    return {it->first, it->second};
  }
  bool down = false;
};

class KeyServiceTest : public ::testing::TestWithParam<sql::Backend> {
 protected:
  void SetUp() override {
    UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(db, GetParam());
    db_ = std::move(db);
    ASSERT_TRUE(
        sql::Migrate(*db_.db, outbox::WithPlatform(gateway_lib_migrations()))
            .ok());
    keys_ = std::make_unique<KeyService>(db_.db.get(), &tree_, &clock_,
                                         absl::Seconds(5));
    absl::StatusOr<std::string> secret = keys_->Bootstrap("");
    ASSERT_TRUE(secret.ok()) << secret.status();
    root_secret_ = *secret;
    root_ = *keys_->Authenticate(Bearer(root_secret_));
  }

  static std::string Bearer(absl::string_view secret) {
    return absl::StrCat("Bearer ", secret);
  }

  // Issues a key and returns its secret.
  std::string MustIssue(const auth::Caller& as, absl::string_view org,
                        auth::Role role) {
    IssueKeyRequest r;
    r.organisation_id = std::string(org);
    r.role = role;
    r.display_name = "测试";
    return MustIssueOn(*keys_, as, org, role);
  }

  std::string MustIssueOn(KeyService& service, const auth::Caller& as,
                          absl::string_view org, auth::Role role) {
    IssueKeyRequest r;
    r.organisation_id = std::string(org);
    r.role = role;
    r.display_name = "测试";
    absl::StatusOr<IssuedKey> issued = service.Issue(as, r);
    EXPECT_TRUE(issued.ok()) << issued.status();
    return issued.ok() ? issued->secret : "";
  }

  void Rename(const std::string& from, const std::string& to) {
    ASSERT_TRUE(db_.db
                    ->Write([&](sql::Session& s) -> absl::Status {
                      auto st =
                          s.Prepare("UPDATE api_keys SET id = ? WHERE id = ?");
                      if (!st.ok()) return st.status();
                      return (*st)->Bind(to, from).Execute().status();
                    })
                    .ok());
  }

  auth::Caller MustAuthenticate(absl::string_view secret) {
    absl::StatusOr<auth::Caller> c = keys_->Authenticate(Bearer(secret));
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *c : auth::Caller{};
  }

  int64_t AuditRows() {
    int64_t n = 0;
    EXPECT_TRUE(db_.db
                    ->Read([&](sql::Session& s) -> absl::Status {
                      auto st = s.Query("SELECT COUNT(*) FROM audit_log");
                      if (!st.ok()) return st.status();
                      auto row = (*st)->Step();
                      n = (*st)->Int(0);
                      return row.status();
                    })
                    .ok());
    return n;
  }

  TreeDirectory tree_;
  FakeClock clock_{absl::FromUnixSeconds(1795000000)};
  sql::TestDatabase db_;
  std::unique_ptr<KeyService> keys_;
  std::string root_secret_;
  auth::Caller root_;
};

TEST_P(KeyServiceTest, BootstrapMakesOneRootFederationAdminKeyOnce) {
  EXPECT_EQ(root_.role, auth::Role::kFederationAdmin);
  EXPECT_EQ(root_.organisation_path, "/00000000000000a1/");
  // A restart (or another replica) finds keys and makes none.
  absl::StatusOr<std::string> again = keys_->Bootstrap("");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_P(KeyServiceTest, BootstrapTakesTheSecretFromAFile) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(fresh, GetParam());
  ASSERT_TRUE(
      sql::Migrate(*fresh.db, outbox::WithPlatform(gateway_lib_migrations()))
          .ok());
  KeyService keys(fresh.db.get(), &tree_, &clock_, absl::Seconds(5));
  EXPECT_EQ(keys.Bootstrap("not a key").status().code(),
            absl::StatusCode::kInvalidArgument);
  tree_.down = true;
  EXPECT_EQ(keys.Bootstrap("").status().code(), absl::StatusCode::kUnavailable);
  tree_.down = false;
  std::string secret = NewSecret("0123456789abcdef");
  absl::StatusOr<std::string> created = keys.Bootstrap(secret);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->empty());  // Nothing new to show.
  auto caller = keys.Authenticate(Bearer(secret));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->key_id, "0123456789abcdef");
}

TEST_P(KeyServiceTest, RefusesMissingMalformedUnknownAndWrongSecrets) {
  auto code = [&](absl::string_view header) {
    return keys_->Authenticate(header).status().code();
  };
  EXPECT_EQ(code(""), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(code("Basic dXNlcjpwYXNz"), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(code("Bearer "), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(code("Bearer uhk_short"), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(code(Bearer(NewSecret("0123456789abcdef"))),
            absl::StatusCode::kUnauthenticated);
  // The right id with another secret.
  std::string forged = NewSecret(root_.key_id);
  EXPECT_EQ(code(Bearer(forged)), absl::StatusCode::kUnauthenticated);
  // Case of the scheme does not matter.
  EXPECT_TRUE(keys_->Authenticate("bearer " + root_secret_).ok());
}

TEST_P(KeyServiceTest, UnknownKeyIdsAreRememberedForTheCachePeriod) {
  // A key another replica issues, whose id this replica was asked about
  // just before: moved aside in the database while asked.
  KeyService replica(db_.db.get(), &tree_, &clock_, absl::Seconds(5));
  std::string secret =
      MustIssueOn(replica, root_, "00000000000000b1", auth::Role::kViewer);
  std::string id = secret.substr(4, 16);
  Rename(id, "ffffffffffffffff");
  EXPECT_EQ(keys_->Authenticate(Bearer(secret)).status().code(),
            absl::StatusCode::kUnauthenticated);
  Rename("ffffffffffffffff", id);
  // Still unknown here without asking the database again...
  EXPECT_EQ(keys_->Authenticate(Bearer(secret)).status().code(),
            absl::StatusCode::kUnauthenticated);
  // ...until the cache period has passed.
  clock_.Advance(absl::Seconds(6));
  EXPECT_TRUE(keys_->Authenticate(Bearer(secret)).ok());
}

TEST_P(KeyServiceTest, IssuesOnlyWithinTheSubtreeAndUpToTheIssuersRole) {
  auth::Caller district = MustAuthenticate(
      MustIssue(root_, "00000000000000b1", auth::Role::kUnionAdmin));
  EXPECT_EQ(district.organisation_path, "/00000000000000a1/00000000000000b1/");
  // Below itself, any role up to its own.
  auth::Caller school = MustAuthenticate(
      MustIssue(district, "00000000000000c1", auth::Role::kViewer));
  EXPECT_EQ(school.role, auth::Role::kViewer);

  IssueKeyRequest r;
  r.display_name = "x";
  r.role = auth::Role::kFederationAdmin;  // Above its own.
  EXPECT_EQ(keys_->Issue(district, r).status().code(),
            absl::StatusCode::kPermissionDenied);
  r.role = auth::Role::kUnionAdmin;
  r.organisation_id = "00000000000000b2";  // A sibling district.
  EXPECT_EQ(keys_->Issue(district, r).status().code(),
            absl::StatusCode::kNotFound);
  r.organisation_id = "00000000000000a1";  // Its parent.
  EXPECT_EQ(keys_->Issue(district, r).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(KeyServiceTest, IssueNamesEveryBadField) {
  IssueKeyRequest r;
  r.idempotency.request_id = std::string(101, 'r');
  r.organisation_id = "not-an-id";
  r.role = auth::Role::kService;  // Never issued to people.
  r.display_name = std::string(101, 'n');
  r.expire_time = clock_.Now() - absl::Seconds(1);
  int64_t audit = AuditRows();
  absl::Status status = keys_->Issue(root_, r).status();
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  for (const char* field : {"request_id", "organisation_id", "role",
                            "display_name", "expire_time"}) {
    EXPECT_NE(status.message().find(field), absl::string_view::npos)
        << field << " in " << status.message();
  }
  EXPECT_EQ(AuditRows(), audit);
}

TEST_P(KeyServiceTest, RetryReturnsTheSameKeyWithoutItsSecret) {
  IssueKeyRequest r;
  r.idempotency.request_id = "req-1";
  r.idempotency.fingerprint = "f1";
  r.role = auth::Role::kViewer;
  r.display_name = "看板";
  auto first = keys_->Issue(root_, r);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->secret.empty());
  int64_t audit = AuditRows();
  auto second = keys_->Issue(root_, r);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->key.id, first->key.id);
  EXPECT_TRUE(second->secret.empty());
  EXPECT_EQ(AuditRows(), audit);
  r.idempotency.fingerprint = "f2";  // Same request_id, another request.
  EXPECT_EQ(keys_->Issue(root_, r).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(KeyServiceTest, RevokedKeysStopAtOnceAndExpiredKeysStopByThemselves) {
  std::string secret =
      MustIssue(root_, "00000000000000c1", auth::Role::kUnionAdmin);
  auth::Caller school = MustAuthenticate(secret);  // Now cached.
  auto revoked = keys_->Revoke(root_, school.key_id, "系统停用");
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_TRUE(revoked->revoke_time.has_value());
  EXPECT_EQ(revoked->revoked_by_key_id, root_.key_id);
  EXPECT_EQ(keys_->Authenticate(Bearer(secret)).status().code(),
            absl::StatusCode::kUnauthenticated);
  // Revoking again changes nothing.
  int64_t audit = AuditRows();
  EXPECT_TRUE(keys_->Revoke(root_, school.key_id, "again").ok());
  EXPECT_EQ(AuditRows(), audit);

  IssueKeyRequest r;
  r.role = auth::Role::kViewer;
  r.display_name = "临时";
  r.expire_time = clock_.Now() + absl::Hours(1);
  auto temporary = keys_->Issue(root_, r);
  ASSERT_TRUE(temporary.ok());
  EXPECT_TRUE(keys_->Authenticate(Bearer(temporary->secret)).ok());
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(keys_->Authenticate(Bearer(temporary->secret)).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_P(KeyServiceTest, RevokesOnlyWithinTheSubtreeAndUpToTheRole) {
  auth::Caller district = MustAuthenticate(
      MustIssue(root_, "00000000000000b1", auth::Role::kUnionAdmin));
  auth::Caller other = MustAuthenticate(
      MustIssue(root_, "00000000000000b2", auth::Role::kUnionAdmin));
  auth::Caller strong = MustAuthenticate(
      MustIssue(root_, "00000000000000c1", auth::Role::kFederationAdmin));
  EXPECT_EQ(keys_->Revoke(district, other.key_id, "").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(keys_->Revoke(district, strong.key_id, "").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(keys_->Revoke(district, "zz", "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keys_->Revoke(district, district.key_id, std::string(201, 'x'))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(KeyServiceTest, TheLastRootAdminKeyCannotBeRevoked) {
  EXPECT_EQ(keys_->Revoke(root_, root_.key_id, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
  auth::Caller second =
      MustAuthenticate(MustIssue(root_, "", auth::Role::kFederationAdmin));
  EXPECT_TRUE(keys_->Revoke(second, root_.key_id, "轮换").ok());
  EXPECT_EQ(keys_->Revoke(second, second.key_id, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(KeyServiceTest, ListsTheSubtreesKeysPageByPage) {
  auth::Caller district = MustAuthenticate(
      MustIssue(root_, "00000000000000b1", auth::Role::kUnionAdmin));
  for (int i = 0; i < 3; ++i)
    MustIssue(district, "00000000000000c1", auth::Role::kViewer);
  std::string gone =
      MustIssue(district, "00000000000000c2", auth::Role::kViewer);
  ASSERT_TRUE(keys_->Revoke(district, MustAuthenticate(gone).key_id, "").ok());
  MustIssue(root_, "00000000000000b2", auth::Role::kViewer);

  std::vector<std::string> seen;
  KeyQuery q;
  q.page_size = 2;
  do {
    auto page = keys_->List(district, q);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_LE(page->items.size(), 2u);
    for (const ApiKey& k : page->items) {
      EXPECT_TRUE(district.Covers(k.organisation_path));
      EXPECT_TRUE(k.ActiveAt(clock_.Now()));
      seen.push_back(k.id);
    }
    q.page_token = page->next_page_token;
  } while (!q.page_token.empty());
  EXPECT_EQ(seen.size(), 4u);  // Its own and three schools' keys.

  q = KeyQuery{};
  q.include_inactive = true;
  q.organisation_id = "00000000000000c2";
  auto revoked = keys_->List(district, q);
  ASSERT_TRUE(revoked.ok());
  ASSERT_EQ(revoked->items.size(), 1u);
  EXPECT_TRUE(revoked->items[0].revoke_time.has_value());

  q.organisation_id = "00000000000000b2";
  EXPECT_EQ(keys_->List(district, q).status().code(),
            absl::StatusCode::kNotFound);
  q = KeyQuery{};
  q.page_token = "garbage";
  EXPECT_EQ(keys_->List(district, q).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(KeyServiceTest, WhoAmIAnswersWithTheCallersKey) {
  auto me = keys_->WhoAmI(root_);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->id, root_.key_id);
  EXPECT_EQ(me->created_by_key_id, "bootstrap");
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyServiceTest,
                         ::testing::Values(sql::Backend::kSqlite,
                                           sql::Backend::kMysql),
                         [](const auto& info) {
                           return sql::BackendName(info.param);
                         });

}  // namespace
}  // namespace unionhub::gateway
