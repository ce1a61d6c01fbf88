#include "libs/sql/database.h"

#include <atomic>
#include <limits>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/sql/backends.h"
#include "libs/sql/testing.h"

namespace unionhub::sql {
namespace {

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void CreateTable(Database& db) {
    ASSERT_TRUE(
        db.Write([](Session& s) {
            return s.ExecuteScript(
                "CREATE TABLE things (id VARCHAR(32) NOT NULL PRIMARY KEY,"
                " n BIGINT, label VARCHAR(200), data BLOB);"
                "CREATE TABLE counter (id INT PRIMARY KEY, value BIGINT)");
          }).ok());
  }
};

absl::StatusOr<int64_t> CountThings(Database& db) {
  int64_t count = -1;
  RETURN_IF_ERROR(db.Read([&](Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(Statement * st, s.Query("SELECT COUNT(*) FROM things"));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) count = st->Int(0);
    return absl::OkStatus();
  }));
  return count;
}

TEST_P(DatabaseTest, RoundTripsEveryType) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  const std::string blob("\x00\xff\x01\x80zero", 8);
  ASSERT_TRUE(t.db->Write([&](Session& s) {
                    return s
                        .Execute("INSERT INTO things VALUES (?, ?, ?, ?)", "a",
                                 int64_t{-9007199254740993}, "工会 𠮷",
                                 Blob{blob})
                        .status();
                  })
                  .ok());
  ASSERT_TRUE(t.db->Write([&](Session& s) {
                    return s
                        .Execute("INSERT INTO things VALUES (?, ?, ?, ?)", "b",
                                 Null{}, std::optional<std::string>(), Null{})
                        .status();
                  })
                  .ok());
  ASSERT_TRUE(t.db->Read([&](Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(
                        Statement * st,
                        s.Query("SELECT n, label, data FROM things "
                                "ORDER BY id LIMIT ?",
                                10));
                    EXPECT_TRUE(*st->Step());
                    EXPECT_EQ(st->Int(0), -9007199254740993);
                    EXPECT_EQ(st->Text(1), "工会 𠮷");
                    EXPECT_EQ(st->Text(2), blob);
                    EXPECT_TRUE(*st->Step());
                    EXPECT_TRUE(st->IsNull(0));
                    EXPECT_TRUE(st->IsNull(1));
                    EXPECT_TRUE(st->IsNull(2));
                    EXPECT_FALSE(*st->Step());
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST_P(DatabaseTest, FailedTransactionLeavesNothing) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  absl::Status s = t.db->Write([](Session& s) -> absl::Status {
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO things (id) VALUES (?)", "x").status());
    return absl::FailedPreconditionError("domain said no");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*CountThings(*t.db), 0);
}

// Statements are cached per connection; a parameter left unbound on a later use
// must not run with the value of an earlier one (SQLite binds NULL, MySQL
// refuses the statement).
TEST_P(DatabaseTest, AReusedStatementNeverRunsWithEarlierValues) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  ASSERT_TRUE(t.db->Write([](Session& s) -> absl::Status {
                    RETURN_IF_ERROR(s.Execute("INSERT INTO things (id, label) "
                                              "VALUES ('x', 'x0'), ('y', 'y0')")
                                        .status());
                    return absl::OkStatus();
                  })
                  .ok());
  const char* kRelabel = "UPDATE things SET label = ? WHERE id = ?";
  (void)t.db->Write([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(s.Execute(kRelabel, "a", "x").status());
    ASSIGN_OR_RETURN(Statement * st, s.Prepare(kRelabel));
    st->BindText(2, "y");  // The label left unbound.
    return st->Execute().status();
  });
  std::string label;
  ASSERT_TRUE(t.db->Read([&](Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(
                        Statement * st,
                        s.Query("SELECT label FROM things WHERE id = 'y'"));
                    ASSIGN_OR_RETURN(bool row, st->Step());
                    if (row && !st->IsNull(0)) label = st->Text(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_NE(label, "a");
  // The next use binds everything and works.
  ASSERT_TRUE(t.db->Write([&](Session& s) {
                    return s.Execute(kRelabel, "b", "y").status();
                  })
                  .ok());
}

// Deferred writes run at commit, in order, with every value exactly as
// given (on MySQL they are inlined into one round trip with COMMIT).
TEST_P(DatabaseTest, DeferredWritesRunAtCommitWithTheirValuesIntact) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string text = "it's a \\ \"quote\" ? ; -- 工会 𠮷";
  int64_t seen_inside = -1;
  ASSERT_TRUE(
      t.db->Write([&](Session& s) -> absl::Status {
            RETURN_IF_ERROR(s.Execute("INSERT INTO things (id, n) "
                                      "VALUES ('now', 1)")
                                .status());
            RETURN_IF_ERROR(s.Defer(
                "INSERT INTO things VALUES (?, ?, ?, ?)", "later",
                std::numeric_limits<int64_t>::min(), text, Blob{every_byte}));
            RETURN_IF_ERROR(s.Defer("INSERT INTO things VALUES (?, ?, ?, ?)",
                                    "empty", Null{}, "", Blob{""}));
            // In order: this sees the row deferred before it.
            RETURN_IF_ERROR(
                s.Defer("UPDATE things SET n = ? WHERE id = 'later' AND "
                        "label = ?",
                        int64_t{7}, text));
            // Not yet written: nothing in the transaction sees it.
            ASSIGN_OR_RETURN(Statement * st,
                             s.Query("SELECT COUNT(*) FROM things"));
            ASSIGN_OR_RETURN(bool row, st->Step());
            if (row) seen_inside = st->Int(0);
            return absl::OkStatus();
          })
          .ok());
  EXPECT_EQ(seen_inside, 1);
  ASSERT_TRUE(t.db->Read([&](Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(
                        Statement * st,
                        s.Query("SELECT id, n, label, data FROM things "
                                "ORDER BY id"));
                    ASSIGN_OR_RETURN(bool row, st->Step());
                    EXPECT_TRUE(row);
                    EXPECT_EQ(st->Text(0), "empty");
                    EXPECT_TRUE(st->IsNull(1));
                    EXPECT_EQ(st->Text(2), "");
                    EXPECT_EQ(st->Text(3), "");
                    ASSIGN_OR_RETURN(row, st->Step());
                    EXPECT_TRUE(row);
                    EXPECT_EQ(st->Text(0), "later");
                    EXPECT_EQ(st->Int(1), 7);
                    EXPECT_EQ(st->Text(2), text);
                    EXPECT_EQ(st->Text(3), every_byte);
                    ASSIGN_OR_RETURN(row, st->Step());
                    EXPECT_TRUE(row);
                    EXPECT_EQ(st->Text(0), "now");
                    return absl::OkStatus();
                  })
                  .ok());
}

// A deferred write that fails fails the commit with its own error, and
// nothing of the transaction stays.
TEST_P(DatabaseTest, AFailedDeferredWriteLeavesNothing) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  ASSERT_TRUE(
      t.db->Write([](Session& s) {
            return s.Execute("INSERT INTO things (id) VALUES ('a')").status();
          })
          .ok());
  absl::Status failed = t.db->Write([](Session& s) -> absl::Status {
    RETURN_IF_ERROR(s.Execute("INSERT INTO things (id) VALUES ('b')").status());
    RETURN_IF_ERROR(s.Defer("INSERT INTO things (id) VALUES (?)", "c"));
    return s.Defer("INSERT INTO things (id) VALUES (?)", "a");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kAlreadyExists) << failed;
  EXPECT_TRUE(IsStorageError(failed));
  EXPECT_EQ(*CountThings(*t.db), 1);
  // The connection goes on serving transactions.
  EXPECT_TRUE(t.db->Write([](Session& s) {
                    return s.Defer("INSERT INTO things (id) VALUES (?)", "d");
                  })
                  .ok());
  EXPECT_EQ(*CountThings(*t.db), 2);
  EXPECT_FALSE(t.db->Write([](Session& s) {
                     return s.Defer("INSERT INTO things (id) VALUES (?, ?)",
                                    "e");
                   })
                   .ok());
}

// Outside a transaction (Exclusive, on MySQL) a deferred write runs at once.
TEST_P(DatabaseTest, DeferredWritesUnderExclusiveAreKept) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  ASSERT_TRUE(t.db->Exclusive("deferred",
                              [](Session& s) {
                                return s.Defer(
                                    "INSERT INTO things (id) VALUES (?)", "x");
                              })
                  .ok());
  EXPECT_EQ(*CountThings(*t.db), 1);
}

TEST_P(DatabaseTest, DuplicateKeyIsAlreadyExistsAndMarkedStorage) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  auto insert = [](Session& s) {
    return s.Execute("INSERT INTO things (id) VALUES (?)", "dup").status();
  };
  ASSERT_TRUE(t.db->Write(insert).ok());
  absl::Status s = t.db->Write(insert);
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(IsStorageError(s));
}

TEST_P(DatabaseTest, UpdateCountsMatchedRowsEvenWhenUnchanged) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  int64_t changed = -1;
  ASSERT_TRUE(t.db->Write([&](Session& s) -> absl::Status {
                    RETURN_IF_ERROR(
                        s.Execute("INSERT INTO things (id, n) VALUES ('u', 1)")
                            .status());
                    ASSIGN_OR_RETURN(
                        changed,
                        s.Execute("UPDATE things SET n = 1 WHERE id = 'u'"));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(changed, 1);
}

TEST_P(DatabaseTest, ConcurrentWritersNeverLoseAnUpdate) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  ASSERT_TRUE(
      t.db->Write([](Session& s) {
            return s.Execute("INSERT INTO counter VALUES (1, 0)").status();
          })
          .ok());
  constexpr int kThreads = 4, kIncrements = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < kIncrements; ++k) {
        // Read-then-write: loses updates unless writers are serialised.
        absl::Status s = t.db->Write([](Session& s) -> absl::Status {
          ASSIGN_OR_RETURN(Statement * st,
                           s.Query("SELECT value FROM counter WHERE id = 1"));
          ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) return absl::NotFoundError("counter");
          int64_t v = st->Int(0);
          return s.Execute("UPDATE counter SET value = ? WHERE id = 1", v + 1)
              .status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  int64_t value = 0;
  ASSERT_TRUE(t.db->Read([&](Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(
                        Statement * st,
                        s.Query("SELECT value FROM counter WHERE id = 1"));
                    ASSIGN_OR_RETURN(bool row, st->Step());
                    if (row) value = st->Int(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(value, kThreads * kIncrements);
}

TEST_P(DatabaseTest, ReadSnapshotIgnoresLaterCommits) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  ASSERT_TRUE(
      t.db->Read([&](Session& s) -> absl::Status {
            ASSIGN_OR_RETURN(Statement * st,
                             s.Query("SELECT COUNT(*) FROM things"));
            EXPECT_TRUE(*st->Step());
            EXPECT_EQ(st->Int(0), 0);
            // Another connection commits meanwhile.
            EXPECT_TRUE(
                t.db->Write([](Session& w) {
                      return w.Execute("INSERT INTO things (id) VALUES ('n')")
                          .status();
                    })
                    .ok());
            ASSIGN_OR_RETURN(st, s.Query("SELECT COUNT(*) FROM things"));
            EXPECT_TRUE(*st->Step());
            EXPECT_EQ(st->Int(0), 0);
            return absl::OkStatus();
          })
          .ok());
  EXPECT_EQ(*CountThings(*t.db), 1);
}

TEST_P(DatabaseTest, WriteReturnsWhatTheCommittedAttemptMade) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  DeadlockBeforeCommit(*t.db, 2);
  int attempts = 0;
  absl::StatusOr<std::vector<std::string>> made =
      t.db->Write([&](Session& s) -> absl::StatusOr<std::vector<std::string>> {
        ++attempts;
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i) {
          ids.push_back(absl::StrCat("a", attempts, "-", i));
          RETURN_IF_ERROR(
              s.Execute("INSERT INTO things (id) VALUES (?)", ids.back())
                  .status());
        }
        return ids;
      });
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(attempts, 3);  // two deadlock victims, then the one that committed
  EXPECT_EQ(*made, (std::vector<std::string>{"a3-0", "a3-1", "a3-2"}));
  EXPECT_EQ(*CountThings(*t.db), 3);

  absl::StatusOr<int64_t> counted =
      t.db->Read([](Session& s) -> absl::StatusOr<int64_t> {
        ASSIGN_OR_RETURN(
            Statement * st,
            s.Query("SELECT COUNT(*) FROM things WHERE id LIKE 'a3-%'"));
        ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) return absl::InternalError("no count");
        return st->Int(0);
      });
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(*counted, 3);

  // An error inside is what comes back, with nothing written.
  absl::StatusOr<int> refused =
      t.db->Write([](Session& s) -> absl::StatusOr<int> {
        RETURN_IF_ERROR(
            s.Execute("INSERT INTO things (id) VALUES ('x')").status());
        return absl::FailedPreconditionError("no");
      });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*CountThings(*t.db), 3);
}

TEST_P(DatabaseTest, ACommitWhoseAnswerIsLostIsNotRunAgain) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  for (bool applied : {false, true}) {
    LoseCommit(*t.db, 2, applied);
    int attempts = 0;
    auto insert = [&](const std::string& id) {
      return t.db->Write([&](Session& s) -> absl::Status {
        ++attempts;
        return s.Execute("INSERT INTO things (id) VALUES (?)", id).status();
      });
    };
    const std::string tag = applied ? "applied" : "lost";
    ASSERT_TRUE(insert(tag + "-1").ok());
    absl::Status second = insert(tag + "-2");
    EXPECT_EQ(second.code(), absl::StatusCode::kUnavailable) << second;
    EXPECT_TRUE(IsStorageError(second));
    EXPECT_EQ(attempts, 2);  // the server may have committed: never again
    ASSERT_TRUE(insert(tag + "-3").ok());
    t.db->SetFaultHook(nullptr);
  }
  // The commit lost before the server saw it left nothing; the one lost on
  // the way back was kept.
  EXPECT_EQ(*CountThings(*t.db), 5);
  absl::StatusOr<int64_t> kept = t.db->Read([](Session& s)
                                                -> absl::StatusOr<int64_t> {
    ASSIGN_OR_RETURN(
        Statement * st,
        s.Query(
            "SELECT COUNT(*) FROM things WHERE id IN ('lost-2', 'applied-2')"));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return absl::InternalError("no count");
    return st->Int(0);
  });
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, 1);
}

TEST_P(DatabaseTest, ConnectionLostMidTransactionRunsItAgainFromTheStart) {
  if (GetParam() != Backend::kMysql)
    GTEST_SKIP() << "only MySQL connections die";
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  auto killer = Database::Open(t.url, Options{.max_connections = 1});
  ASSERT_TRUE(killer.ok());
  int calls = 0;
  absl::Status s = t.db->Write([&](Session& s) -> absl::Status {
    ++calls;
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO things (id) VALUES ('first')").status());
    if (calls == 1) {
      // The server goes away mid-transaction: kill this very connection.
      ASSIGN_OR_RETURN(Statement * st, s.Query("SELECT CONNECTION_ID()"));
      ASSIGN_OR_RETURN(bool row, st->Step());
      int64_t id = row ? st->Int(0) : 0;
      RETURN_IF_ERROR((*killer)->Exclusive("k", [&](Session& k) {
        return k.ExecuteScript(absl::StrCat("KILL CONNECTION ", id));
      }));
    }
    return s.Execute("INSERT INTO things (id) VALUES ('second')").status();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(*CountThings(*t.db), 2);  // The first attempt left nothing behind.
}

TEST_P(DatabaseTest, IdleConnectionKilledIsReplaced) {
  if (GetParam() != Backend::kMysql)
    GTEST_SKIP() << "only MySQL connections die";
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  int64_t id = 0;
  ASSERT_TRUE(t.db->Read([&](Session& s) -> absl::Status {
                    ASSIGN_OR_RETURN(Statement * st,
                                     s.Query("SELECT CONNECTION_ID()"));
                    EXPECT_TRUE(*st->Step());
                    id = st->Int(0);
                    return absl::OkStatus();
                  })
                  .ok());
  auto killer = Database::Open(t.url, Options{.max_connections = 1});
  ASSERT_TRUE(killer.ok());
  ASSERT_TRUE((*killer)
                  ->Exclusive("k",
                              [&](Session& s) {
                                return s.ExecuteScript(
                                    absl::StrCat("KILL CONNECTION ", id));
                              })
                  .ok());
  EXPECT_TRUE(t.db->Ping().ok());
  EXPECT_EQ(*CountThings(*t.db), 0);
}

TEST_P(DatabaseTest, ExclusiveIsMutuallyExclusive) {
  UNIONHUB_OPEN_TEST_DATABASE_OR_SKIP(t, GetParam());
  CreateTable(*t.db);
  std::atomic<int> inside{0}, max_inside{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      EXPECT_TRUE(t.db->Exclusive("lock",
                                  [&](Session&) {
                                    int now = ++inside;
                                    max_inside =
                                        std::max(max_inside.load(), now);
                                    std::this_thread::sleep_for(
                                        std::chrono::milliseconds(50));
                                    --inside;
                                    return absl::OkStatus();
                                  })
                      .ok());
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(max_inside.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest,
                         ::testing::Values(Backend::kSqlite, Backend::kMysql),
                         [](const auto& info) {
                           return BackendName(info.param);
                         });

TEST(DatabaseUrlTest, ParsesMysqlUrls) {
  auto a = ParseMysqlUrl("mysql://union%40hub:p%3Ass@db.local:3307/unionhub");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->user, "union@hub");
  EXPECT_EQ(a->password, "p:ss");
  EXPECT_EQ(a->host, "db.local");
  EXPECT_EQ(a->port, 3307);
  EXPECT_EQ(a->database, "unionhub");
  EXPECT_EQ(ParseMysqlUrl("mysql://u@h/db")->port, 3306);
}

TEST(DatabaseUrlTest, RefusesBadUrls) {
  EXPECT_FALSE(ParseMysqlUrl("mysql://h/db").ok());
  EXPECT_FALSE(ParseMysqlUrl("mysql://u@h:xx/db").ok());
  EXPECT_FALSE(ParseMysqlUrl("mysql://u@h/db;drop").ok());
  EXPECT_FALSE(ParseMysqlUrl("mysql://u@h/db%zz").ok());
  EXPECT_FALSE(Database::Open("postgres://x").ok());
  EXPECT_FALSE(Database::Open("sqlite://").ok());
}

}  // namespace
}  // namespace unionhub::sql
